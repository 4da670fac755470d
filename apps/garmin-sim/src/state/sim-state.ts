import { SimConfig } from '../config/sim.config';
import { SimData } from '../data/sim-data';
import { DEFAULT_CLIENT } from '../edge/edge-gate';
import { SignInThrottle } from '../edge/sign-in-throttle';
import { FaultInjector } from '../faults/fault-injector';
import { RequestLog } from '../log/request-log';
import { SimStats } from '../faults/sim-stats';
import { MfaCodes } from '../sso/mfa-codes';
import { SsoSessions } from '../sso/sso-sessions';
import { TicketStore } from '../sso/tickets';
import { AccountBehaviour, SIGN_IN_FAMILIES } from './account-behaviour';
import { Account, AccountRegistry, AccountSpec } from './accounts';
import { Clock } from './clock';
import { CredentialStore } from './credentials';

/** Everything the simulator knows, in memory; one instance per server. */
export class SimState {
  readonly clock = new Clock();
  readonly accounts: AccountRegistry;
  readonly credentials: CredentialStore;
  readonly stats = new SimStats();
  readonly faults: FaultInjector;
  readonly sso: SsoSessions;
  readonly mfa: MfaCodes;
  readonly tickets: TicketStore;
  readonly data: SimData;
  readonly throttle: SignInThrottle;
  readonly requestLog = new RequestLog();

  constructor(
    readonly config: SimConfig,
    accounts: AccountSpec[],
  ) {
    this.accounts = new AccountRegistry(config.SIM_DEFAULT_HISTORY_DAYS);
    this.throttle = new SignInThrottle(this.clock, config.SIM_SIGN_IN_THROTTLE_S * 1000);
    for (const spec of accounts) this.addAccount(spec);
    this.credentials = new CredentialStore(this.clock);
    this.faults = new FaultInjector(config.SIM_SEED, this.clock, this.stats, this.credentials, this.accounts);
    this.sso = new SsoSessions(this.clock);
    this.mfa = new MfaCodes(this.clock);
    this.tickets = new TicketStore(this.clock);
    this.data = new SimData(config.SIM_SEED, this.clock);
  }

  /** Adds an account and puts the sign-in families it marks "throttled" under a throttle from now. */
  addAccount(spec: AccountSpec): Account {
    const account = this.accounts.add(spec);
    this.armThrottles(account);
    return account;
  }

  /** Changes an account's behaviour at run time (PATCH /__sim/accounts/:email); "throttled" arms from now. */
  changeBehaviour(account: Account, patch: AccountBehaviour): void {
    if (patch.signIn) account.signIn = { ...account.signIn, ...patch.signIn };
    for (const key of ['diClientIds', 'diRotateRefreshToken', 'tokenNotActive'] as const) {
      if (key in patch) Object.assign(account, { [key]: patch[key] });
    }
    if (patch.signIn) this.armThrottles(account, patch);
  }

  private armThrottles(account: Account, only: AccountBehaviour = account): void {
    for (const family of SIGN_IN_FAMILIES) {
      if (only.signIn?.[family] === 'throttled') this.throttle.arm(SignInThrottle.key(account.email, family, DEFAULT_CLIENT[family]));
    }
  }
}
