import { AccountBehaviour } from './account-behaviour';

/** `totp`: an authenticator app; nothing is sent, the code is simply valid (the mailbox shows it). */
export type MfaMethod = 'none' | 'email' | 'totp';

export interface AccountSpec extends AccountBehaviour {
  email: string;
  password: string;
  displayName: string;
  fullName?: string;
  profileId: number;
  mfa?: MfaMethod;
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone?: string;
  /** Days of generated history, ending today. */
  historyDays?: number;
  /** Data kinds (catalog names, e.g. `spo2`) the account's device does not produce: Garmin answers "no data" for them. */
  lacks?: string[];
}

type Profile = Omit<AccountSpec, keyof AccountBehaviour | 'lacks'>;

export interface Account extends Required<Profile>, AccountBehaviour {
  lacks?: string[];
  /** Set by repeated wrong passwords or by a fault; sign-in answers "locked". */
  locked: boolean;
  failedLogins: number;
  /** Sign-in answers CAPTCHA_REQUIRED while set. */
  captchaRequired: boolean;
}

export const DEMO_ACCOUNTS: AccountSpec[] = [
  { email: 'demo@fittrack.test', password: 'demo-password', displayName: 'demo_runner', fullName: 'Demo Runner', profileId: 81_000_001 },
  {
    email: 'mfa@fittrack.test',
    password: 'mfa-password',
    displayName: 'mfa_cyclist',
    fullName: 'Mfa Cyclist',
    profileId: 81_000_002,
    mfa: 'email',
    timeZone: 'Europe/Berlin',
  },
];

/** Wrong passwords in a row before an account locks. */
export const LOCK_AFTER_FAILED_LOGINS = 5;

export class AccountRegistry {
  private readonly byEmail = new Map<string, Account>();
  private readonly byDisplayName = new Map<string, Account>();
  private readonly byProfileId = new Map<number, Account>();

  constructor(private readonly defaultHistoryDays: number) {}

  add(spec: AccountSpec): Account {
    const email = spec.email.toLowerCase();
    if (this.byEmail.has(email)) throw new Error(`account ${email} exists`);
    if (this.byDisplayName.has(spec.displayName)) throw new Error(`display name ${spec.displayName} exists`);
    if (this.byProfileId.has(spec.profileId)) throw new Error(`profile id ${spec.profileId} exists`);
    const account: Account = {
      fullName: spec.displayName,
      mfa: 'none',
      timeZone: 'UTC',
      historyDays: this.defaultHistoryDays,
      ...spec,
      email,
      locked: false,
      failedLogins: 0,
      captchaRequired: false,
    };
    this.byEmail.set(email, account);
    this.byDisplayName.set(account.displayName, account);
    this.byProfileId.set(account.profileId, account);
    return account;
  }

  findByEmail(email: string): Account | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  findByDisplayName(displayName: string): Account | undefined {
    return this.byDisplayName.get(displayName);
  }

  findByProfileId(profileId: number): Account | undefined {
    return this.byProfileId.get(profileId);
  }

  all(): Account[] {
    return [...this.byEmail.values()];
  }
}
