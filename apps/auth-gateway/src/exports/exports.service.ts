import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bufferChurned } from '@fittrack/app-core';
import { ExportView } from '@fittrack/contracts';
import { ExportRow, ExportStore } from '@fittrack/persistence';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../sync/outbox-relay';
import { Reconciler } from '../sync/reconciler';
import { ExportError } from './exports.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An export untouched this long (a worker writes progress every second) has lost its command or its worker. */
const STALE_SECONDS = 600;
const SWEEP_BATCH = 100;

export interface ExportDownload {
  body: Readable;
  fileName: string;
  sizeBytes: number;
  etag: string;
}

/**
 * Archive exports: asked for here, made by a worker (garmin.cmd.export.run), downloaded from any replica.
 * The reconciler re-drives an export whose command or worker was lost, and removes exports past their time.
 */
@Injectable()
export class ExportsService implements OnModuleInit {
  private readonly store = new ExportStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly reconciler: Reconciler,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({ name: 'export redrive', run: () => this.redriveStale() });
    this.reconciler.register({ name: 'export expiry', run: () => this.removeExpired() });
  }

  /** A new export, or the one of the user already under way (`created: false`). */
  async create(userId: string): Promise<{ view: ExportView; created: boolean }> {
    const { row, created } = await this.dataSource.transaction((manager) => this.store.create(manager, userId));
    if (created) this.relay.kick();
    return { view: viewOf(row), created };
  }

  async list(userId: string): Promise<ExportView[]> {
    return (await this.store.list(this.dataSource.manager, userId, 20)).map(viewOf);
  }

  async get(userId: string, id: string): Promise<ExportView> {
    return viewOf(await this.rowOf(userId, id));
  }

  /** The completed ZIP, streamed from its chunks. */
  async download(userId: string, id: string): Promise<ExportDownload> {
    const row = await this.rowOf(userId, id);
    if (row.status === 'failed') throw ExportError.failed(row.id, row.error);
    if (row.status !== 'completed' || row.sizeBytes === null) throw ExportError.notReady(row.id, row.doneItems, row.totalItems);
    return {
      body: Readable.from(counted(this.store.chunks(this.dataSource.manager, row)), { objectMode: false }),
      fileName: `garmin-export-${row.createdAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}.zip`,
      sizeBytes: row.sizeBytes,
      etag: `"export-${row.id}-${row.attempt}"`,
    };
  }

  private async rowOf(userId: string, id: string): Promise<ExportRow> {
    if (!UUID.test(id)) throw ExportError.badId(id);
    const row = await this.store.one(this.dataSource.manager, userId, id);
    if (!row) throw ExportError.notFound(id);
    return row;
  }

  private async redriveStale(): Promise<void> {
    const redriven = await this.dataSource.transaction((manager) => this.store.redriveStale(manager, STALE_SECONDS, SWEEP_BATCH));
    if (redriven.length > 0) this.relay.kick();
  }

  private async removeExpired(): Promise<void> {
    await this.store.removeExpired(this.dataSource.manager, SWEEP_BATCH);
  }
}

export function viewOf(row: ExportRow): ExportView {
  return {
    id: row.id,
    status: row.status,
    progress: { done: row.doneItems, total: row.totalItems },
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    sizeBytes: row.sizeBytes,
    counts: row.counts,
    downloadUrl: row.status === 'completed' ? `/v1/exports/${row.id}/download` : null,
    error: row.error,
  };
}

/** The chunks as they are served, counted as buffer churn (each came as hex text, decoded): memory stays flat. */
async function* counted(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    bufferChurned(chunk.length);
    yield chunk;
  }
}
