/** 403 OPERATOR_ONLY: the gateway no longer counts this account as an operator (the role changed since sign-in). */
export function NotOperator() {
  return (
    <main className="page stack" aria-labelledby="not-operator-title">
      <h1 id="not-operator-title">Not an operator</h1>
      <div className="alert alert-error" role="alert">
        This account is not an operator, so the gateway does not show it the operator console.
      </div>
      <p>
        The role is granted by the deployment, not by any page or API: the gateway lets in the accounts whose Garmin profile id is listed in its{' '}
        <code>OPERATOR_GARMIN_PROFILE_IDS</code> setting (comma-separated), and reads it when it starts. To grant or take the role, change that setting and
        restart the gateway.
      </p>
      <p>
        <a href="#/sync">Go to Sync</a>
      </p>
    </main>
  );
}
