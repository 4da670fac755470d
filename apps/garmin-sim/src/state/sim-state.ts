import { SimConfig } from '../config/sim.config';
import { SimData } from '../data/sim-data';
import { FaultInjector } from '../faults/fault-injector';
import { SimStats } from '../faults/sim-stats';
import { MfaCodes } from '../sso/mfa-codes';
import { SsoSessions } from '../sso/sso-sessions';
import { TicketStore } from '../sso/tickets';
import { AccountRegistry, AccountSpec } from './accounts';
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

  constructor(
    readonly config: SimConfig,
    accounts: AccountSpec[],
  ) {
    this.accounts = new AccountRegistry(config.SIM_DEFAULT_HISTORY_DAYS);
    for (const spec of accounts) this.accounts.add(spec);
    this.credentials = new CredentialStore(this.clock);
    this.faults = new FaultInjector(config.SIM_SEED, this.clock, this.stats, this.credentials, this.accounts);
    this.sso = new SsoSessions(this.clock);
    this.mfa = new MfaCodes(this.clock);
    this.tickets = new TicketStore(this.clock);
    this.data = new SimData(config.SIM_SEED, this.clock);
  }
}
