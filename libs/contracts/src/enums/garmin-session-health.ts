/** Health of a user's stored Garmin session. */
export const GarminSessionHealth = {
  Active: 'active',
  RefreshFailed: 'refresh_failed',
  NeedsLogin: 'needs_login',
  CoolingDown: 'cooling_down',
  Revoked: 'revoked',
} as const;
export type GarminSessionHealth = (typeof GarminSessionHealth)[keyof typeof GarminSessionHealth];
export const GARMIN_SESSION_HEALTHS: readonly GarminSessionHealth[] = Object.values(GarminSessionHealth);
