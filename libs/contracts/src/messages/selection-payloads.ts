import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsUUID } from 'class-validator';
import { DATA_KINDS, DataKind, DataKindStore } from '../enums/data-kinds';
import { SyncKind } from '../enums/sync-type';

/** One kind of the catalog, as a selection shows it. */
export interface CatalogKindView {
  kind: DataKind;
  group: SyncKind;
  store: DataKindStore;
  /** In the catalog's own default selection. */
  byDefault: boolean;
}

/** A kind found not to come from the user's devices: asked no more (README, "What is synced"). */
export interface AbsentKindView {
  kind: DataKind;
  /** When a sync learned it (ISO instant). */
  since: string;
  /** Garmin's ids of the user's devices known then. */
  deviceIds: string[];
}

/** What is synced for a user: the deployment's default, their override, the two combined, and why some kinds cost nothing. */
export interface SyncSelectionView {
  /** SYNC_DEFAULT_SELECTION of the deployment. */
  default: DataKind[];
  /** The user's own selection; null when they use the default. */
  override: DataKind[] | null;
  /** What the next job syncs (of the groups it is asked for). */
  effective: DataKind[];
  absent: AbsentKindView[];
  catalog: CatalogKindView[];
}

/** The body of PUT /v1/sync/selection, and the RPC set without the user. */
export class SelectionFields {
  @IsArray({ message: 'kinds must be a list of data kinds' })
  @ArrayNotEmpty({ message: 'kinds must name at least one data kind (DELETE /v1/sync/selection goes back to the default)' })
  @ArrayUnique({ message: 'kinds names a kind twice' })
  @ArrayMaxSize(DATA_KINDS.length)
  @IsIn(DATA_KINDS, { each: true, message: `each of kinds must be one of: ${DATA_KINDS.join(', ')}` })
  kinds!: DataKind[];
}

export class SelectionGetRequest {
  @IsUUID()
  userId!: string;
}

export class SelectionResetRequest extends SelectionGetRequest {}

export class SelectionSetRequest extends SelectionFields {
  @IsUUID()
  userId!: string;
}

/** A user's queue of archived days to reload (GET /v1/sync/archive). */
export interface SyncArchiveView {
  /** Days waiting for a reload request. */
  queued: number;
  /** Reload requests spent today (UTC day), by every job of the user. */
  requestedToday: number;
  /** SYNC_ARCHIVE_RELOADS_PER_DAY. */
  budget: number;
  /** Garmin refused a reload today (429): no more until the next UTC day. */
  exhaustedToday: boolean;
  /** Days reloaded and fetched. */
  done: number;
  /** Reloads asked for whose days are not fetched yet. */
  requested: number;
  /** The next days to be requested, in order (at most ten). */
  nextDates: string[];
}
