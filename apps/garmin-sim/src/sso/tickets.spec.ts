import { Clock } from '../state/clock';
import { TICKET_TTL_MS, TicketStore } from './tickets';

describe('TicketStore', () => {
  const service = 'https://mobile.integration.garmin.com/gcm/android';
  let clock: Clock;
  let tickets: TicketStore;

  beforeEach(() => {
    clock = new Clock();
    tickets = new TicketStore(clock);
  });

  it('issues CAS-shaped ids', () => {
    expect(tickets.issue(1, service, false, 'sso')).toMatch(/^ST-\d{7}-[A-Za-z0-9]{20}-sso$/);
    expect(tickets.issue(1, service, false, 'cas')).toMatch(/-cas$/);
  });

  it('redeems once, for its own service, carrying the MFA flag', () => {
    const id = tickets.issue(7, service, true, 'sso');
    expect(tickets.redeem(id, service)).toEqual({
      ok: true,
      profileId: 7,
      mfa: true,
    });
    expect(tickets.redeem(id, service)).toMatchObject({ ok: false });
  });

  it('burns a ticket presented for another service, as CAS does', () => {
    const id = tickets.issue(7, service, false, 'sso');
    expect(tickets.redeem(id, 'https://sso.garmin.com/sso/embed')).toEqual({
      ok: false,
      reason: 'ticket issued for another service',
    });
    expect(tickets.redeem(id, service)).toMatchObject({ ok: false });
  });

  it('expires', () => {
    const id = tickets.issue(7, service, false, 'sso');
    clock.advance(TICKET_TTL_MS);
    expect(tickets.redeem(id, service)).toEqual({
      ok: false,
      reason: 'expired ticket',
    });
  });
});
