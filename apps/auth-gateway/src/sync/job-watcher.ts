import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isTerminalStatus, SyncJobView } from '@fittrack/contracts';
import { SyncJob, toJobView } from '@fittrack/persistence';
import { concat, distinctUntilChanged, from, interval, map, Observable, of, switchMap, takeWhile } from 'rxjs';
import { DataSource } from 'typeorm';

const POLL_MS = 500;

/** A job's changes as a stream, read from its row (the truth), ending after the terminal state. */
@Injectable()
export class JobWatcher {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  watch<T>(first: SyncJobView, toEvent: (job: SyncJobView) => T): Observable<T> {
    const changes = interval(POLL_MS).pipe(
      switchMap(() => from(this.dataSource.getRepository(SyncJob).findOneBy({ id: first.id }))),
      map((job) => (job ? toJobView(job) : first)),
    );
    return concat(of(first), changes).pipe(
      distinctUntilChanged((a, b) => a.status === b.status && a.processedItems === b.processedItems && a.totalItems === b.totalItems && a.currentKind === b.currentKind),
      takeWhile((job) => !isTerminalStatus(job.status), true),
      map(toEvent),
    );
  }
}
