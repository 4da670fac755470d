import type { FastifyReply, FastifyRequest } from 'fastify';
import { seeded } from '../data/random';
import { CredentialStore } from '../state/credentials';
import { AccountRegistry } from '../state/accounts';
import { Clock } from '../state/clock';
import { FaultConfig } from './fault-config';
import { SimStats } from './sim-stats';

const SSO_PREFIXES = ['/sso/', '/mobile/', '/portal/'];
const CLOUDFLARE_429 =
  '<!DOCTYPE html><html><head><title>Access denied | sso.garmin.com used Cloudflare to restrict access</title></head>' +
  '<body><h1>Error 1015</h1><p>You are being rate limited</p></body></html>';

/** Sliding-window request counter. */
class Window {
  private stamps: number[] = [];

  admit(nowMs: number, limit: number, windowSeconds: number): boolean {
    const from = nowMs - windowSeconds * 1000;
    while (this.stamps.length && this.stamps[0] <= from) this.stamps.shift();
    if (this.stamps.length >= limit) return false;
    this.stamps.push(nowMs);
    return true;
  }
}

/**
 * Latency, 429s and 5xx on demand. Probabilities draw from a PRNG seeded by
 * SIM_SEED, so a run with the same faults sees the same sequence.
 */
export class FaultInjector {
  private config: FaultConfig = {};
  private random: () => number;
  private perAccount = new Map<string, Window>();
  private overall = new Window();

  constructor(
    private readonly seed: string,
    private readonly clock: Clock,
    private readonly stats: SimStats,
    private readonly credentials: CredentialStore,
    private readonly accounts: AccountRegistry,
  ) {
    this.random = seeded(seed, 'faults');
  }

  get current(): FaultConfig {
    return this.config;
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.random = seeded(this.seed, 'faults');
    this.perAccount = new Map();
    this.overall = new Window();
  }

  /** Who a request is from: the Bearer's account, else the client address. */
  clientOf(request: FastifyRequest): string {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const grant = bearer ? this.credentials.resolveBearer(bearer) : undefined;
    const account = grant ? this.accounts.findByProfileId(grant.profileId) : undefined;
    return account?.email ?? request.ip;
  }

  /** Runs before every route; true when it has already answered the request. */
  async intercept(request: FastifyRequest, reply: FastifyReply, client: string): Promise<boolean> {
    const path = request.url.split('?')[0];
    const matches = (prefix?: string) => !prefix || path.startsWith(prefix);
    const { latency, throttle, rateLimit, serverErrors } = this.config;
    if (latency && matches(latency.prefix)) {
      await new Promise((resolve) => setTimeout(resolve, latency.fixedMs + Math.floor(this.random() * (latency.jitterMs ?? 0))));
    }
    for (const rule of throttle ?? []) {
      if (matches(rule.prefix) && this.random() < (rule.probability ?? 1)) return this.tooMany(reply, path, rule.retryAfterSeconds);
    }
    if (rateLimit) {
      const now = this.clock.now();
      const own = this.perAccount.get(client) ?? new Window();
      this.perAccount.set(client, own);
      const overOwn = rateLimit.perAccount && !own.admit(now, rateLimit.perAccount.limit, rateLimit.perAccount.windowSeconds);
      const overAll = !overOwn && rateLimit.overall && !this.overall.admit(now, rateLimit.overall.limit, rateLimit.overall.windowSeconds);
      if (overOwn || overAll) return this.tooMany(reply, path, rateLimit.retryAfterSeconds);
    }
    if (serverErrors && matches(serverErrors.prefix) && this.random() < serverErrors.probability) {
      void reply.code(serverErrors.status ?? 503).type('application/json').send({ message: 'simulated upstream failure' });
      return true;
    }
    return false;
  }

  private tooMany(reply: FastifyReply, path: string, retryAfterSeconds: number | undefined): true {
    void reply.code(429);
    if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
    if (SSO_PREFIXES.some((p) => path.startsWith(p))) void reply.type('text/html; charset=UTF-8').send(CLOUDFLARE_429);
    else void reply.type('application/json').send({ error: { 'status-code': '429' } });
    return true;
  }
}
