import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DATA_KIND_CATALOG, DATA_KINDS, DataKind, SyncArchiveView, SyncSelectionView } from '@fittrack/contracts';
import { ArchiveQueueStore, KindAvailabilityStore, SyncSelectionStore } from '@fittrack/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { SelectionError } from './selection.errors';

const CATALOG = DATA_KINDS.map((kind) => ({ kind, ...DATA_KIND_CATALOG[kind] })).map(({ kind, group, store, byDefault }) => ({ kind, group, store, byDefault }));

/** What is synced for a user (the deployment's default or their override), what their devices lack, and their archive queue. */
@Injectable()
export class SelectionService {
  private readonly selections = new SyncSelectionStore();
  private readonly availability = new KindAvailabilityStore();
  private readonly archive = new ArchiveQueueStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
  ) {}

  async view(userId: string): Promise<SyncSelectionView> {
    const manager = this.dataSource.manager;
    await this.mustExist(manager, userId);
    const override = await this.selections.overrideOf(manager, userId);
    const absent = await this.availability.absent(manager, userId);
    const deploymentDefault = this.config.defaultSelection;
    return {
      default: deploymentDefault,
      override,
      effective: override ?? deploymentDefault,
      absent: absent.map((known) => ({ kind: known.kind, since: known.learnedAt.toISOString(), deviceIds: known.deviceIds })),
      catalog: CATALOG,
    };
  }

  async set(userId: string, kinds: DataKind[]): Promise<SyncSelectionView> {
    await this.mustExist(this.dataSource.manager, userId);
    await this.selections.set(this.dataSource.manager, userId, kinds);
    return this.view(userId);
  }

  async reset(userId: string): Promise<SyncSelectionView> {
    await this.mustExist(this.dataSource.manager, userId);
    await this.selections.reset(this.dataSource.manager, userId);
    return this.view(userId);
  }

  async archiveOf(userId: string): Promise<SyncArchiveView> {
    return this.archive.summary(this.dataSource.manager, userId, this.config.SYNC_ARCHIVE_RELOADS_PER_DAY);
  }

  private async mustExist(manager: EntityManager, userId: string): Promise<void> {
    if (!(await this.selections.userExists(manager, userId))) throw SelectionError.userNotFound();
  }
}
