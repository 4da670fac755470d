import { Injectable } from '@nestjs/common';
import { kindsIn } from '../availability';
import { KindPlan, KindRun, KindSyncer } from '../kind-syncer';
import { RECORD_ROW } from '../rows';
import { PROFILE_SOURCES } from './sources';

/**
 * What describes the athlete rather than a day (devices, gear, personal records, zones, thresholds):
 * each selected source is asked once per sync, whatever the range, and its items are upserted by Garmin's
 * own id. An item Garmin stops listing is kept (a retired device, a deleted piece of gear): we keep history.
 * A source's one request is also its probe (KindAvailability): a kind it never held is asked no more, and
 * the device list tells it when a new device makes those worth asking again.
 */
@Injectable()
export class ProfileSyncer implements KindSyncer {
  readonly kind = 'profile' as const;

  async plan(run: KindRun): Promise<KindPlan> {
    const sources = PROFILE_SOURCES.map((source) => ({ source, verdict: run.availability.verdict(source.yields, run.selection) })).filter(
      ({ source, verdict }) => verdict !== 'skip' && source.yields.some((kind) => run.selection.has(kind)),
    );
    run.ctx.plan(this.kind, sources.length);
    const context = { api: run.api, displayName: run.displayName, profileId: run.profileId, today: run.today };
    return {
      fetch: async () => {
        for (const { source, verdict } of sources) {
          run.ctx.checkpoint();
          const rows = (await source.fetch(context)).filter((row) => run.selection.has(row.kind));
          run.ctx.done(this.kind);
          await run.upsert(RECORD_ROW(run.ctx.userId), rows);
          if (verdict === 'probe') await run.availability.learn(source.yields, run.selection, kindsIn({ days: [], records: rows }));
          if (source.yields.includes('devices')) await run.availability.devicesSeen(rows.filter((row) => row.kind === 'devices').map((row) => row.key));
        }
        return undefined;
      },
    };
  }
}
