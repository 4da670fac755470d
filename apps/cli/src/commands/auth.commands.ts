import { readFile } from 'node:fs/promises';
import { ApiAnswer, ApiClient, failureOf } from '../api-client';
import { CliError, ExitCode } from '../cli-error';
import { CredentialsFile } from '../credentials';
import { Terminal } from '../terminal';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; displayName: string; garminProfileId: number };
  /** The way in that linked the account: a sign-in strategy, or import. */
  garmin?: { via: string };
}

interface Challenge {
  status: 'mfa_required';
  challengeId: string;
  method: string;
}

/**
 * Signs in with a password, and an MFA code if Garmin asks for one. On a terminal both are prompted for (the password
 * hidden); otherwise each is the next line of stdin, read only when needed, so a script can write the code once Garmin
 * has sent it. `--mfa-code -` asks for the code the same way but, like `--mfa-code CODE`, takes no second try.
 */
export async function login(api: ApiClient, file: CredentialsFile, term: Terminal, email: string | undefined, mfaCode: string | undefined): Promise<void> {
  const address = email || (await term.ask('Garmin email:'));
  const secret = await term.ask('Garmin password:', true);
  if (!address || !secret) throw CliError.usage('An email and a password are needed to sign in.');
  let answer = await api.call<Tokens | Challenge>('POST', '/v1/auth/login', { email: address, password: secret });
  if (answer.status === 202) {
    const { challengeId, method } = answer.body as Challenge;
    const scripted = mfaCode !== undefined;
    let code = mfaCode === undefined || mfaCode === '-' ? await term.ask(`Garmin sent a code (by ${method}). Code:`, true) : mfaCode;
    for (;;) {
      if (!code) throw CliError.usage(`No MFA code was given${term.interactive ? '' : ' (stdin ended)'}.`);
      answer = await api.call<Tokens | Challenge>('POST', '/v1/auth/mfa', { challengeId, code });
      const left = (answer.body as { attemptsLeft?: number }).attemptsLeft;
      if (answer.status !== 401 || scripted || !left) break;
      term.fail(`Garmin did not accept that code (${left} attempt${left === 1 ? '' : 's'} left).`);
      code = await term.ask('Code:', true);
    }
  }
  signedIn(api, file, term, answer as ApiAnswer<Tokens>);
}

/** Links from a token file the user already has (`-` reads it from stdin): no password, no MFA. */
export async function loginWithTokens(api: ApiClient, file: CredentialsFile, term: Terminal, path: string): Promise<void> {
  const tokens = (await readTokenFile(path)).trim();
  if (!tokens) throw CliError.usage(`The token file ${path === '-' ? 'on stdin' : path} is empty.`);
  const answer = await api.call<Tokens>('POST', '/v1/auth/import', { tokens });
  signedIn(api, file, term, answer, ' from your Garmin tokens');
}

function signedIn(api: ApiClient, file: CredentialsFile, term: Terminal, answer: ApiAnswer<Tokens>, how = ''): void {
  if (answer.status !== 200) throw failureOf(answer as never);
  const tokens = answer.body;
  file.write({ gateway: api.gateway, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt: Date.now() + tokens.expiresIn * 1000, user: tokens.user });
  if (term.json) term.data({ user: tokens.user, gateway: api.gateway, garmin: tokens.garmin ?? null });
  term.say(`Signed in as ${tokens.user.displayName} (Garmin profile ${tokens.user.garminProfileId})${how}.`);
  if (tokens.garmin?.via) term.detail(tokens.garmin.via === 'import' ? 'Garmin: linked from imported tokens.' : `Garmin: signed in via ${tokens.garmin.via}.`);
}

async function readTokenFile(path: string): Promise<string> {
  try {
    if (path !== '-') return await readFile(path, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw CliError.usage(`Cannot read the token file ${path}: ${reason}.`);
  }
}

/**
 * Signs out: the gateway ends the session, then the credentials here are forgotten. When the gateway could not end
 * it (unreachable, an error answer), the credentials are kept, so that logout can be run again: forgetting them would
 * leave the session open at the gateway, with the one refresh token that can end it gone. `--local` forgets them
 * anyway. A session that had already ended (revoked elsewhere, expired) has nothing left to end: the credentials go.
 * Every outcome but a real sign-out exits non-zero (README, "The CLI").
 */
export async function logout(api: ApiClient, file: CredentialsFile, term: Terminal, local = false): Promise<void> {
  const credentials = file.read();
  if (!credentials) {
    if (term.json) term.data({ signedOut: false, sessionEnded: false, credentialsForgotten: false });
    term.say('You were not signed in.');
    return;
  }
  const who = credentials.user.displayName;
  const failure = await api.authed('POST', '/v1/auth/logout').then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!failure) {
    await api.forgetCredentials();
    if (term.json) term.data({ signedOut: true, sessionEnded: true, credentialsForgotten: true });
    term.say(`Signed out ${who}: the gateway ended the session, and the credentials here are forgotten.`);
    return;
  }
  if (!(failure instanceof CliError)) throw failure;
  if (failure.exitCode === ExitCode.NotSignedIn) {
    await api.forgetCredentials();
    if (term.json) term.data({ signedOut: false, sessionEnded: true, credentialsForgotten: true });
    throw CliError.notSignedIn(
      `The session of ${who} had already ended at the gateway (signed out elsewhere, revoked or expired), so there was nothing to end; the credentials here are forgotten.`,
    );
  }
  if (local) await api.forgetCredentials();
  if (term.json) term.data({ signedOut: false, sessionEnded: false, credentialsForgotten: local });
  const reason = failure.message.replace(/\.$/, '');
  throw new CliError(
    local
      ? `The gateway could not end the session of ${who} (${reason}), so it stays open there until it expires; the credentials here are forgotten, as --local asked.`
      : `Not signed out: the gateway could not end the session of ${who} (${reason}). The credentials here are kept, so that you can try again.`,
    local
      ? 'Another signed-in client can end it at the gateway: DELETE /v1/auth/sessions/:id.'
      : 'Run garmin-sync logout again once the gateway answers; garmin-sync logout --local forgets the credentials here anyway (the session then stays open at the gateway until it expires).',
  );
}

export async function whoami(api: ApiClient, term: Terminal): Promise<void> {
  const me = await api.authed<{
    user: Tokens['user'];
    garmin: { linked: boolean; health: string | null; reason: string | null; cooldownUntil: string | null };
  }>('GET', '/v1/auth/me');
  if (term.json) return term.data(me);
  const link = me.garmin.linked
    ? `Garmin account ${me.user.garminProfileId} linked, session ${me.garmin.health?.replace('_', ' ')}${me.garmin.reason ? ` (${me.garmin.reason})` : ''}`
    : 'no Garmin account linked';
  term.say(`Signed in as ${me.user.displayName}; ${link}.`);
}
