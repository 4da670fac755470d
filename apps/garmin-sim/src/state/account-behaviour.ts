/** Client ids python-garminconnect tries, in its order (pgc client.py:174-179). */
export const DI_CLIENT_IDS = [
  'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2',
  'GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4',
  'GARMIN_CONNECT_MOBILE_ANDROID_DI',
  'GARMIN_CONNECT_MOBILE_IOS_DI',
] as const;

/** The sign-in families Garmin's edge tells apart: the mobile JSON login, the embed widget, the portal. */
export const SIGN_IN_FAMILIES = ['mobile', 'widget', 'portal'] as const;
export type SignInFamily = (typeof SIGN_IN_FAMILIES)[number];

/** How Garmin's edge answers one family for one account (today profile only). */
export const GATES = ['open', 'throttled', 'challenge'] as const;
export type Gate = (typeof GATES)[number];
export type Refusal = 'throttled' | 'challenge';

export interface SignInGates {
  mobile?: Gate;
  widget?: Gate;
  portal?: Gate;
}

/** Only bearers minted for these client ids and/or through these families are "not active" (each list: all when absent). */
export interface TokenNotActive {
  clientIds?: string[];
  via?: SignInFamily[];
}

/** The per-account switches of the today profile; every one is optional and defaults to "works". */
export interface AccountBehaviour {
  signIn?: SignInGates;
  /** DI client ids the token endpoint accepts for this account (default all four; [] fails every one). */
  diClientIds?: string[];
  /** false: DI refresh answers carry no refresh_token and the old one keeps working (default true: rotate). */
  diRotateRefreshToken?: boolean;
  /** connectapi answers this account's DI bearers 401 "Token is not active" (pgc #369). */
  tokenNotActive?: boolean | TokenNotActive;
}

export const BEHAVIOUR_KEYS = ['signIn', 'diClientIds', 'diRotateRefreshToken', 'tokenNotActive'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isListOf = (v: unknown, allowed: readonly string[]) => Array.isArray(v) && v.every((x) => allowed.includes(x as string));

/** Checks the behaviour fields of an account spec (or of a PATCH); pushes one problem per bad field. */
export function checkBehaviour(a: Json, where: string, problems: string[]): void {
  const signIn = a['signIn'];
  if (signIn !== undefined) {
    if (!isObject(signIn)) problems.push(`${where}.signIn must be an object`);
    else
      for (const [key, value] of Object.entries(signIn)) {
        if (!(SIGN_IN_FAMILIES as readonly string[]).includes(key)) problems.push(`${where}.signIn.${key} is not a known field`);
        else if (!(GATES as readonly string[]).includes(value as string)) problems.push(`${where}.signIn.${key} must be one of ${GATES.join(', ')}`);
      }
  }
  if (a['diClientIds'] !== undefined && !isListOf(a['diClientIds'], DI_CLIENT_IDS)) {
    problems.push(`${where}.diClientIds must be a list of ${DI_CLIENT_IDS.join(', ')}`);
  }
  if (a['diRotateRefreshToken'] !== undefined && typeof a['diRotateRefreshToken'] !== 'boolean') {
    problems.push(`${where}.diRotateRefreshToken must be true or false`);
  }
  const notActive = a['tokenNotActive'];
  if (notActive !== undefined && typeof notActive !== 'boolean') {
    if (!isObject(notActive)) problems.push(`${where}.tokenNotActive must be true, false or { clientIds?, via? }`);
    else {
      for (const key of Object.keys(notActive)) if (key !== 'clientIds' && key !== 'via') problems.push(`${where}.tokenNotActive.${key} is not a known field`);
      if (notActive['clientIds'] !== undefined && !isListOf(notActive['clientIds'], DI_CLIENT_IDS)) {
        problems.push(`${where}.tokenNotActive.clientIds must be a list of DI client ids`);
      }
      if (notActive['via'] !== undefined && !isListOf(notActive['via'], SIGN_IN_FAMILIES)) {
        problems.push(`${where}.tokenNotActive.via must be a list of ${SIGN_IN_FAMILIES.join(', ')}`);
      }
    }
  }
}

/** Is a DI bearer minted for `clientId` through `via` refused as "not active" for this account? */
export function isNotActive(behaviour: AccountBehaviour, clientId: string | undefined, via: SignInFamily | undefined): boolean {
  const rule = behaviour.tokenNotActive;
  if (!rule) return false;
  if (rule === true) return true;
  const clientMatches = !rule.clientIds || (clientId !== undefined && rule.clientIds.includes(clientId));
  const viaMatches = !rule.via || (via !== undefined && rule.via.includes(via));
  return clientMatches && viaMatches;
}

/** The family a CAS service URL belongs to: `/gcm/...` mobile, `/sso/embed` widget, `/app` portal. */
export function familyOfService(service: string): SignInFamily | undefined {
  if (/\/gcm\/(ios|android)$/.test(service)) return 'mobile';
  if (/\/sso\/embed$/.test(service)) return 'widget';
  if (/\/app$/.test(service)) return 'portal';
  return undefined;
}
