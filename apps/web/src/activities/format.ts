/** Figures of an activity as people read them: metric units, the pace or speed its sport is measured in. */

const number = (value: number, digits: number) => new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

/** Garmin's type key as words: `trail_running` → "Trail running". */
export const typeLabel = (typeKey: string | null | undefined) => (typeKey ? typeKey.charAt(0).toUpperCase() + typeKey.slice(1).replace(/_/g, ' ') : 'Other');

/** 1:02:03, or 12:03 under an hour. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Kilometres (metres for a swim, where lengths are counted in them); none for an activity without distance. */
export function formatDistance(metres: number | null | undefined, typeKey?: string | null): string {
  if (!metres) return '—';
  if (isSwim(typeKey)) return `${number(Math.round(metres), 0)} m`;
  return `${number(metres / 1000, metres < 10_000 ? 2 : 1)} km`;
}

export const formatHeartRate = (bpm: number | null | undefined) => (bpm ? `${Math.round(bpm)} bpm` : '—');

export const formatCalories = (kcal: number | null | undefined) => (kcal ? `${number(Math.round(kcal), 0)} kcal` : '—');

export const formatMetres = (metres: number) => `${number(Math.round(metres), 0)} m`;

const isSwim = (typeKey?: string | null) => !!typeKey && typeKey.includes('swim');
const isOnFoot = (typeKey?: string | null) => !!typeKey && /run|walk|hik/.test(typeKey);

/** How the sport states its speed: pace per km on foot, per 100 m in water, km/h otherwise (a ride). */
export const speedLabel = (typeKey?: string | null) => (isOnFoot(typeKey) || isSwim(typeKey) ? 'Pace' : 'Speed');

/** An average speed (m/s) in the sport's own terms: 5:12 /km, 2:05 /100 m, 28.4 km/h. */
export function formatSpeed(metresPerSecond: number | null | undefined, typeKey?: string | null): string {
  if (!metresPerSecond || metresPerSecond <= 0) return '—';
  if (isSwim(typeKey)) return `${formatDuration(100 / metresPerSecond)} /100 m`;
  if (isOnFoot(typeKey)) return `${formatDuration(1000 / metresPerSecond)} /km`;
  return `${number(metresPerSecond * 3.6, 1)} km/h`;
}
