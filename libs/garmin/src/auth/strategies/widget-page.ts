/**
 * Reading the SSO embed widget's HTML as python-garminconnect does (client.py:140-148, 810-877): the CSRF
 * field, the title, the MFA page's inline variables and the ticket in the success page.
 */
export const csrfOf = (html: string): string | undefined => /name="_csrf"\s+value="(.+?)"/.exec(html)?.[1];
export const titleOf = (html: string): string => /<title>(.+?)<\/title>/s.exec(html)?.[1]?.trim() ?? '';
export const ticketOf = (html: string): string | undefined => /\?ticket=(ST-[^"&\s]+)/.exec(html)?.[1];

export function mfaVarsOf(html: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of html.matchAll(/var\s+(customerGuid|mfaMethod|locale|clientId|codeSentTo)\s*=\s*"([^"]*)"\s*;/g)) vars[match[1]] = match[2];
  return vars;
}

/** What the page after the widget's password POST says. */
export type WidgetVerdict =
  | { kind: 'edge'; reason: string }
  | { kind: 'credentials' }
  | { kind: 'restricted' }
  | { kind: 'mfa'; vars: Record<string, string> }
  | { kind: 'success'; ticket: string | undefined }
  | { kind: 'unexpected'; title: string };

/** The title rules, in python-garminconnect's order (client.py:810-867). */
export function widgetVerdict(html: string): WidgetVerdict {
  const title = titleOf(html);
  const lower = title.toLowerCase();
  if (['bad gateway', 'service unavailable', 'cloudflare', '502', '503'].some((hint) => lower.includes(hint))) {
    return { kind: 'edge', reason: `page titled "${title}"` };
  }
  if (['locked', 'invalid', 'incorrect', 'account error'].some((hint) => lower.includes(hint))) return { kind: 'credentials' };
  if (lower.includes('unable to sign in') || lower.includes('unable to login')) return { kind: 'restricted' };
  const vars = mfaVarsOf(html);
  if (lower.includes('mfa') || (lower.includes('authentication application') && vars['mfaMethod'])) return { kind: 'mfa', vars };
  if (title === 'Success') return { kind: 'success', ticket: ticketOf(html) };
  return { kind: 'unexpected', title };
}
