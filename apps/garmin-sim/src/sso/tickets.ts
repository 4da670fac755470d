import { randomInt } from 'node:crypto';
import { Clock } from '../state/clock';
import { alnum } from './random';

export const TICKET_TTL_MS = 5 * 60 * 1000;

interface Ticket {
  profileId: number;
  service: string;
  mfa: boolean;
  expiresAt: number;
}

export type Redemption = { ok: true; profileId: number; mfa: boolean } | { ok: false; reason: string };

/** CAS service tickets: single use, short-lived, bound to the service they were issued for. */
export class TicketStore {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly clock: Clock) {}

  issue(profileId: number, service: string, mfa: boolean, suffix: 'sso' | 'cas'): string {
    const id = `ST-${String(randomInt(0, 10_000_000)).padStart(7, '0')}-${alnum(20)}-${suffix}`;
    this.tickets.set(id, {
      profileId,
      service,
      mfa,
      expiresAt: this.clock.now() + TICKET_TTL_MS,
    });
    return id;
  }

  /** Who a live ticket is for and which service it names, without using it up. */
  peek(id: string): { profileId: number; service: string } | undefined {
    const ticket = this.tickets.get(id);
    return ticket && ticket.expiresAt > this.clock.now() ? { profileId: ticket.profileId, service: ticket.service } : undefined;
  }

  redeem(id: string, service: string): Redemption {
    const ticket = this.tickets.get(id);
    this.tickets.delete(id);
    if (!ticket) return { ok: false, reason: 'unknown or used ticket' };
    if (ticket.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired ticket' };
    if (ticket.service !== service) return { ok: false, reason: 'ticket issued for another service' };
    return { ok: true, profileId: ticket.profileId, mfa: ticket.mfa };
  }
}
