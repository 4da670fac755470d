/** Why a job stopped before its end, thrown through the kind syncers to the runner. */
export class JobStopped extends Error {
  constructor(readonly reason: 'cancelled' | 'lease_lost' | 'shutdown') {
    super(`job stopped: ${reason}`);
    this.name = 'JobStopped';
  }
}

/** The user's Garmin session cannot be refreshed: only a new sign-in helps. */
export class NeedsLogin extends Error {
  constructor(readonly detail: string) {
    super(`the Garmin session needs a new sign-in: ${detail}`);
    this.name = 'NeedsLogin';
  }
}
