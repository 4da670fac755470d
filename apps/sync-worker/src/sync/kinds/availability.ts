import { Logger } from '@nestjs/common';
import { DataKind } from '@fittrack/contracts';
import { Fence, KindAvailabilityStore, KindAvailabilityState, LearnedKind } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { JobStopped } from '../sync.errors';

/** What to do with a source this job: ask it as usual, probe it first (one request decides), or not ask at all. */
export type SourceVerdict = 'ask' | 'probe' | 'skip';

/**
 * Always asked when selected, never probed: `devices` is how a new device is noticed (which makes absent kinds
 * worth asking again); and what the user logs or plans rather than a sensor measures (a weigh-in, a drink, a
 * blood-pressure reading, the lifestyle log, gear, plans) is there on some days and not others whatever the
 * device, so an empty probe day says nothing about it.
 */
const ALWAYS_ASKED: ReadonlySet<DataKind> = new Set<DataKind>([
  'devices',
  'weight',
  'body_composition',
  'hydration',
  'blood_pressure',
  'lifestyle',
  'gear',
  'personal_records',
  'scheduled_workouts',
  'training_plans',
]);

/**
 * Which selected kinds the user's devices produce, as earlier syncs learned it. A source whose selected
 * kinds are all known absent costs no request; one with a kind not known yet is probed with ONE request
 * before the rest of its window (the syncer picks the request), and what the answer holds is remembered.
 * An absent mark older than SYNC_ABSENT_RECHECK_DAYS, or learned before a device the user now has, counts
 * as not known (see devicesSeen), so a wrong "absent" (the watch was not worn that day) is corrected.
 */
export class KindAvailability {
  private readonly logger = new Logger(KindAvailability.name);

  private constructor(
    private readonly known: Map<DataKind, KindAvailabilityState>,
    private readonly manager: EntityManager,
    private readonly fence: Fence,
    private readonly jobId: string,
    private readonly store: KindAvailabilityStore,
  ) {}

  static async load(manager: EntityManager, fence: Fence, jobId: string, recheckDays: number, store = new KindAvailabilityStore()): Promise<KindAvailability> {
    const rows = await store.known(manager, fence.userId, recheckDays);
    const known = new Map(rows.filter((row) => !row.recheckDue).map((row) => [row.kind, row.state] as const));
    return new KindAvailability(known, manager, fence, jobId, store);
  }

  /** Nothing learned yet (a user's first sync, or a syncer that does not probe). */
  static nothingKnown(manager: EntityManager, fence: Fence, jobId: string, store = new KindAvailabilityStore()): KindAvailability {
    return new KindAvailability(new Map(), manager, fence, jobId, store);
  }

  stateOf(kind: DataKind): KindAvailabilityState | 'unknown' {
    return ALWAYS_ASKED.has(kind) ? 'produces' : (this.known.get(kind) ?? 'unknown');
  }

  /** Skip when every selected kind the source yields is absent; probe when one of them is not known yet. */
  verdict(yields: readonly DataKind[], selection: ReadonlySet<DataKind>): SourceVerdict {
    const states = yields.filter((kind) => selection.has(kind)).map((kind) => this.stateOf(kind));
    if (states.every((state) => state === 'absent')) return 'skip';
    return states.includes('unknown') ? 'probe' : 'ask';
  }

  /**
   * What a probe of a source answered: each selected kind not known yet is produced if the answer holds it,
   * absent otherwise. True while some selected kind of the source is still worth asking for.
   */
  async learn(yields: readonly DataKind[], selection: ReadonlySet<DataKind>, found: ReadonlySet<DataKind>): Promise<boolean> {
    const learned: LearnedKind[] = yields
      .filter((kind) => selection.has(kind) && this.stateOf(kind) === 'unknown')
      .map((kind) => ({ kind, state: found.has(kind) ? 'produces' : 'absent' }));
    if ((await this.store.learn(this.manager, this.fence, this.jobId, learned)) === undefined) throw new JobStopped('lease_lost');
    for (const { kind, state } of learned) this.known.set(kind, state);
    const absent = learned.filter((l) => l.state === 'absent').map((l) => l.kind);
    if (absent.length > 0) this.logger.log(`job ${this.jobId}: user ${this.fence.userId}'s devices do not produce ${absent.join(', ')}; not asked again`);
    return this.verdict(yields, selection) !== 'skip';
  }

  /** The user's devices as Garmin lists them now: one not seen before makes the absent kinds worth a new probe. */
  async devicesSeen(deviceIds: readonly string[]): Promise<void> {
    const cleared = await this.store.devicesSeen(this.manager, this.fence, deviceIds);
    if (cleared === undefined) throw new JobStopped('lease_lost');
    for (const kind of cleared) this.known.delete(kind);
    if (cleared.length > 0) this.logger.log(`job ${this.jobId}: a new device of user ${this.fence.userId}; ${cleared.join(', ')} will be probed again`);
  }
}

/** The kinds an answer holds rows of. */
export function kindsIn(answer: { days: { metric: DataKind }[]; records?: { kind: DataKind }[] }): Set<DataKind> {
  return new Set<DataKind>([...answer.days.map((row) => row.metric), ...(answer.records ?? []).map((row) => row.kind)]);
}
