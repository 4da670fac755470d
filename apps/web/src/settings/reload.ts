/**
 * Starts the app again from GET /v1/auth/me. The settings page cannot tell the app that the session or the Garmin
 * link changed (App.tsx owns `me`), and a reload also refreshes the header's link health; with the session gone
 * (signed out here, account deleted) the app lands on the sign-in page. Its own module so tests can replace it.
 */
export function reloadApp(): void {
  window.location.reload();
}
