import { readFile } from 'node:fs/promises';
import { ApiAnswer, ApiClient, failureOf } from '../api-client';
import { CliError } from '../cli-error';
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

export async function login(api: ApiClient, file: CredentialsFile, term: Terminal, email: string | undefined, mfaCode: string | undefined): Promise<void> {
  const address = email || (await term.ask('Garmin email:'));
  const secret = await term.ask('Garmin password:', true);
  if (!address || !secret) throw CliError.usage('An email and a password are needed to sign in.');
  let answer = await api.call<Tokens | Challenge>('POST', '/v1/auth/login', { email: address, password: secret });
  if (answer.status === 202) {
    const { challengeId, method } = answer.body as Challenge;
    let code = mfaCode ?? (await term.ask(`Garmin sent a code (by ${method}). Code:`));
    for (;;) {
      answer = await api.call<Tokens | Challenge>('POST', '/v1/auth/mfa', { challengeId, code });
      const left = (answer.body as { attemptsLeft?: number }).attemptsLeft;
      if (answer.status !== 401 || mfaCode !== undefined || !left) break;
      term.fail(`Garmin did not accept that code (${left} attempt${left === 1 ? '' : 's'} left).`);
      code = await term.ask('Code:');
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

export async function logout(api: ApiClient, file: CredentialsFile, term: Terminal): Promise<void> {
  const credentials = file.read();
  if (!credentials) {
    if (term.json) term.data({ signedOut: false });
    term.say('You were not signed in.');
    return;
  }
  await api.authed('POST', '/v1/auth/logout').catch(() => undefined); // an ended session is signed out anyway
  file.remove();
  if (term.json) term.data({ signedOut: true });
  term.say(`Signed out ${credentials.user.displayName}.`);
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
