/**
 * The HTML of the legacy embed-widget flow (§A.1), reduced to what clients
 * parse: titles, `name="_csrf" value="…"`, the error divs, the inline JS vars
 * python-garminconnect reads, and `var response_url = "…?ticket=…";`.
 */

const page = (title: string, body: string) =>
  `<!DOCTYPE html>\n<html lang="en" class="no-js">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n<title>${title}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

/** A JS string literal with JSON-escaped slashes, as Garmin's templates write URLs (`https:\/\/sso…`). */
const jsString = (value: string) => JSON.stringify(value).replace(/\//g, '\\/');
const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Recorded: without clientId the real page is a usage text; only the title matters to clients. */
export const embedPage = () => page('GAuth Embedded Version', '<div id="gauth-widget"></div>');

/** `var status = "";` has spaces, as recorded, so garmin-connect's locked-account regex does not match it. */
export function signInPage(csrf: string, error?: string): string {
  return page(
    'GARMIN Authentication Application',
    `<script type="text/javascript">
var status = "";
</script>
${error ? `<div id="status" class="error">${error}</div>\n` : ''}<form method="post" id="login-form">
<input class="login_email" name="username" id="username" value="" type="email"/>
<input type="password" name="password" id="password"/>
<input type="hidden" name="embed" value="true"/>
<input type="hidden" name="_csrf" value="${csrf}" />
</form>`,
  );
}

/**
 * A sign-in that stopped for a reason other than the password (assumed shape,
 * no recording): garmin-connect matches `var status="…"` (no spaces) and
 * python-garminconnect matches "locked" in the title.
 */
export function statusPage(csrf: string, title: string, status: string): string {
  return page(
    title,
    `<script type="text/javascript">var status="${status}";</script>\n<input type="hidden" name="_csrf" value="${csrf}" />`,
  );
}

export interface MfaPageVars {
  csrf: string;
  customerGuid: string;
  /** `email` or `totp`. */
  mfaMethod: string;
  /** Absent until a code went out (pgc GH-386: the page may come before the code; its tests omit the var). */
  codeSentTo?: string;
  parentUrl: string;
  invalidCode?: boolean;
}

/**
 * Recorded title `Enter MFA code for login` and JS vars (sso-legacy/login_success_mfa.yaml #3); a wrong
 * code comes back on the same page with the invalidCode div.
 */
export function mfaPage(vars: MfaPageVars): string {
  return page(
    'Enter MFA code for login',
    `<script type="text/javascript">
var embedWidget = "true";
var parent_url = ${jsString(vars.parentUrl)};
var customerGuid = ${jsString(vars.customerGuid)};
var mfaMethod = ${jsString(vars.mfaMethod)};
var locale = "";
var clientId = "";
${vars.codeSentTo === undefined ? '' : `var codeSentTo = ${jsString(vars.codeSentTo)};\n`}</script>
<form id="submit-mfa-verification-code-form" name="submit-mfa-verification-code-form" method="post" novalidate="novalidate">
${vars.invalidCode ? '<div id="invalidCode" class="error">Invalid code. Please enter a valid code.</div>\n' : ''}<input type="number" pattern="[0-9]*" inputmode="numeric" maxlength="6" id="mfa-code" name="mfa-code"/>
<input type="hidden" name="embed"            value="true"/>
<input type="hidden" name="_csrf"            value="${escapeHtml(vars.csrf)}" />
<input type="hidden" name="fromPage"            value="setupEnterMfaCode"/>
</form>`,
  );
}

/** The ticket must be the first `ticket=` of the page: garmin-connect's regex is just `ticket=([^"]+)"`. */
export function successPage(service: string, ticket: string, logintoken = ''): string {
  return page(
    'Success',
    `<script type="text/javascript">
var redirectAfterAccountLoginUrl 	  = ${jsString(service)};
var redirectAfterAccountCreationUrl = "";
var consumeServiceTicket         	  = "true";
var service_url                  	  = ${jsString(service)};
var parent_url                   	  = ${jsString(service)};
var response_url                 	  = ${jsString(`${service}?ticket=${ticket}`)};
var logintoken                   	  = ${jsString(logintoken)};
</script>`,
  );
}
