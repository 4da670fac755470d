/** Where the health pages link to, and the one sentence every empty chart says. */
export const dayHref = (metric: string, date: string) => `#/health/${metric}/${date}`;

export const noDataYet = (label: string) => (
  <>
    No {label.toLowerCase()} stored for these days. <a href="#/sync">Sync your Garmin data</a> to bring it in.
  </>
);
