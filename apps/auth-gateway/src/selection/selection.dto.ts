import { ApiProperty } from '@nestjs/swagger';
import {
  AbsentKindView,
  CatalogKindView,
  DATA_KINDS,
  DataKind,
  DataKindStore,
  SelectionFields,
  SYNC_KINDS,
  SyncArchiveView,
  SyncKind,
  SyncSelectionView,
} from '@fittrack/contracts';

/** PUT /v1/sync/selection: the validation is the contract's (shared with garmin.rpc.selection.set). */
export class SelectionBody extends SelectionFields {}
ApiProperty({ enum: DATA_KINDS, isArray: true, minItems: 1, description: 'the data kinds to sync from now on (catalog names); an empty list is refused' })(
  SelectionBody.prototype,
  'kinds',
);

class CatalogKindDto implements CatalogKindView {
  @ApiProperty({ enum: DATA_KINDS }) kind!: DataKind;
  @ApiProperty({ enum: SYNC_KINDS, description: 'the job-level kind it is synced with' }) group!: SyncKind;
  @ApiProperty({ enum: ['daily', 'record', 'activity_part', 'activities', 'workouts'], description: 'where it is stored' }) store!: DataKindStore;
  @ApiProperty({ description: 'in the catalog’s default selection' }) byDefault!: boolean;
}

class AbsentKindDto implements AbsentKindView {
  @ApiProperty({ enum: DATA_KINDS }) kind!: DataKind;
  @ApiProperty({ format: 'date-time', description: 'when a sync found the user’s devices do not produce it' }) since!: string;
  @ApiProperty({ type: String, isArray: true, description: 'Garmin’s ids of the devices known then' }) deviceIds!: string[];
}

/** The OpenAPI face of SyncSelectionView. */
export class SelectionViewDto implements SyncSelectionView {
  @ApiProperty({ enum: DATA_KINDS, isArray: true, description: 'SYNC_DEFAULT_SELECTION of the deployment' }) default!: DataKind[];
  @ApiProperty({ enum: DATA_KINDS, isArray: true, nullable: true, description: 'the caller’s own selection; null: the default' }) override!: DataKind[] | null;
  @ApiProperty({ enum: DATA_KINDS, isArray: true, description: 'what the next sync syncs (of the kinds it is asked for)' }) effective!: DataKind[];
  @ApiProperty({ type: AbsentKindDto, isArray: true, description: 'kinds the caller’s devices were found not to produce: asked no more' }) absent!: AbsentKindDto[];
  @ApiProperty({ type: CatalogKindDto, isArray: true }) catalog!: CatalogKindDto[];
}

/** The OpenAPI face of SyncArchiveView. */
export class ArchiveViewDto implements SyncArchiveView {
  @ApiProperty({ description: 'archived days waiting for a reload request' }) queued!: number;
  @ApiProperty({ description: 'reload requests spent today (UTC), by every job of the caller' }) requestedToday!: number;
  @ApiProperty({ description: 'SYNC_ARCHIVE_RELOADS_PER_DAY' }) budget!: number;
  @ApiProperty({ description: 'Garmin refused a reload today (429): none more until the next UTC day' }) exhaustedToday!: boolean;
  @ApiProperty({ description: 'days reloaded and fetched' }) done!: number;
  @ApiProperty({ description: 'reloads asked for whose days are not fetched yet' }) requested!: number;
  @ApiProperty({ type: String, format: 'date', isArray: true, description: 'the next days to be requested, newest first (at most ten)' }) nextDates!: string[];
}
