import { UpstreamTally } from './upstream-tally';

describe('UpstreamTally', () => {
  const at = (iso: string) => Date.parse(iso);

  it('counts requests, 429s, failures and cooldowns per minute, and starts afresh once drained', () => {
    const tally = new UpstreamTally();
    tally.request('ok', at('2026-12-03T10:00:05Z'));
    tally.request('429', at('2026-12-03T10:00:59Z'));
    tally.request('error', at('2026-12-03T10:01:00Z'));
    tally.cooldownStarted(at('2026-12-03T10:01:30Z'));
    expect(tally.drain()).toEqual([
      { minute: new Date('2026-12-03T10:00:00Z'), requests: 2, throttled: 1, failed: 0, cooldownsStarted: 0 },
      { minute: new Date('2026-12-03T10:01:00Z'), requests: 1, throttled: 0, failed: 1, cooldownsStarted: 1 },
    ]);
    expect(tally.drain()).toEqual([]);
  });

  it('takes back what a failed report could not store, adding to what came since', () => {
    const tally = new UpstreamTally();
    tally.request('ok', at('2026-12-03T10:00:05Z'));
    const unsent = tally.drain();
    tally.request('429', at('2026-12-03T10:00:40Z'));
    tally.restore(unsent);
    expect(tally.drain()).toEqual([{ minute: new Date('2026-12-03T10:00:00Z'), requests: 2, throttled: 1, failed: 0, cooldownsStarted: 0 }]);
  });
});
