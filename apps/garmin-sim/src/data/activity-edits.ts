import { ActivityChanges } from './activity-detail';
import { SimData } from './sim-data';

/** The account's changes to its generated activities: renames, descriptions, deletions. Kept per simulator. */
export class ActivityEdits {
  private readonly changes = new Map<number, ActivityChanges>();
  private readonly deleted = new Set<number>();

  static of(data: SimData): ActivityEdits {
    let edits = EDITS.get(data);
    if (!edits) EDITS.set(data, (edits = new ActivityEdits()));
    return edits;
  }

  isDeleted(activityId: number): boolean {
    return this.deleted.has(activityId);
  }

  delete(activityId: number): void {
    this.deleted.add(activityId);
  }

  changesOf(activityId: number): ActivityChanges | undefined {
    return this.changes.get(activityId);
  }

  change(activityId: number, update: ActivityChanges): void {
    // Assumed: an edited activity shows a description from then on, empty when none was ever given
    // (the recorded detail after a name-only update has one: data/test_activity_update_name_only.yaml #1).
    const before = this.changes.get(activityId) ?? {};
    this.changes.set(activityId, { ...before, ...update, description: update.description ?? before.description ?? '' });
  }
}

const EDITS = new WeakMap<SimData, ActivityEdits>();
