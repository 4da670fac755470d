import { CommandSubject, ExportView, HEALTH_METRICS, RECORD_KINDS } from '@fittrack/contracts';
import { ExportStore } from '@fittrack/persistence';
import { eventually, PlatformStack } from '@fittrack/testing';
import { unzipSync } from 'fflate';
import { connect } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSyncStack, SyncedUser, syncedUser } from './support/synced-users';

jest.setTimeout(240_000);

/** POST /v1/exports against a real gateway and worker, after a real sync of everything. */
describe('the archive export (POST /v1/exports)', () => {
  let stack: PlatformStack;
  let owner: SyncedUser;
  let stranger: SyncedUser;
  let done: ExportView;
  let zip: Record<string, Uint8Array>;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const text = (path: string) => Buffer.from(zip[path]).toString('utf8');
  const download = (path: string, token: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.gateway.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  /** Polls the export to its end, checking that its progress only ever grows. */
  async function finished(token: string, id: string): Promise<ExportView> {
    let last = -1;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
      const { status, body } = await stack.gateway.get(`/v1/exports/${id}`, { token });
      expect(status).toBe(200);
      expect(body.progress.done).toBeGreaterThanOrEqual(last);
      last = body.progress.done;
      if (body.status === 'completed' || body.status === 'failed') return body;
    }
    throw new Error(`export ${id} did not finish`);
  }

  beforeAll(async () => {
    stack = await startSyncStack({ gateways: 1, workers: 1, env: { RECONCILE_INTERVAL_SECONDS: '2' } });
    [owner, stranger] = await Promise.all([syncedUser(stack), syncedUser(stack, ['activities'])]);
    const started = await stack.gateway.post('/v1/exports', {}, { token: owner.token });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'pending', downloadUrl: null, progress: { done: 0, total: null } });
    expect(started.headers.get('location')).toBe(`/v1/exports/${started.body.id}`);
    done = await finished(owner.token, started.body.id);
    expect(done).toMatchObject({ status: 'completed', downloadUrl: `/v1/exports/${done.id}/download`, error: null });
    const answer = await download(done.downloadUrl!, owner.token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/zip');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="garmin-export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip"$/);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect(bytes.length).toBe(done.sizeBytes);
    zip = unzipSync(bytes);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('holds every original activity file, byte for byte', async () => {
    const files: { activity_id: string; file_format: string; data: Buffer }[] = await query(
      `SELECT activity_id, file_format, data FROM activity_files WHERE user_id = $1`,
      [owner.userId],
    );
    expect(files.length).toBeGreaterThanOrEqual(2);
    const inZip = Object.keys(zip).filter((path) => path.startsWith('activities/files/'));
    expect(inZip.sort()).toEqual(files.map((f) => `activities/files/${f.activity_id}.${f.file_format}`).sort());
    for (const file of files) expect(Buffer.from(zip[`activities/files/${file.activity_id}.${file.file_format}`]).equals(file.data)).toBe(true);
  });

  it('holds every stored activity, day of every metric, record and workout, as JSON and as CSV', async () => {
    const activities = await query(`SELECT activity_id::text AS id FROM activities WHERE user_id = $1 ORDER BY activity_id`, [owner.userId]);
    const json = JSON.parse(text('activities/activities.json'));
    expect(json.map((a: { activity_id: string }) => String(a.activity_id))).toEqual(activities.map((a: { id: string }) => a.id));
    expect(json[0]).toHaveProperty('summary');
    expect(text('activities/activities.csv').trimEnd().split('\r\n')).toHaveLength(activities.length + 1);

    const days: { metric: string; date: string }[] = await query(
      `SELECT metric, calendar_date::text AS date FROM daily_health WHERE user_id = $1 ORDER BY metric, calendar_date`,
      [owner.userId],
    );
    const metrics = [...new Set(days.map((d) => d.metric))];
    expect(metrics.length).toBeGreaterThanOrEqual(5);
    for (const metric of HEALTH_METRICS) {
      const stored = days.filter((d) => d.metric === metric).map((d) => d.date);
      if (stored.length === 0) {
        expect(zip[`health/${metric}.json`]).toBeUndefined();
        continue;
      }
      const rows = JSON.parse(text(`health/${metric}.json`));
      expect(rows.map((r: { calendar_date: string }) => r.calendar_date)).toEqual(stored);
      expect(rows[0]).toHaveProperty('raw');
      const csv = text(`health/${metric}.csv`).trimEnd().split('\r\n');
      expect(csv[0]).toBe('calendar_date,value,raw,synced_at');
      expect(csv).toHaveLength(stored.length + 1);
    }

    const records: { kind: string; n: number }[] = await query(`SELECT kind, count(*)::int AS n FROM garmin_records WHERE user_id = $1 GROUP BY kind`, [owner.userId]);
    expect(records.length).toBeGreaterThan(0);
    for (const kind of RECORD_KINDS) {
      const stored = records.find((r) => r.kind === kind)?.n ?? 0;
      expect(stored === 0 ? undefined : JSON.parse(text(`records/${kind}.json`)).length).toBe(stored === 0 ? undefined : stored);
    }
    const [workouts] = await query(`SELECT count(*)::int AS n FROM workouts WHERE user_id = $1`, [owner.userId]);
    expect(workouts.n).toBeGreaterThan(0);
    expect(JSON.parse(text('workouts/workouts.json'))).toHaveLength(workouts.n);

    const manifest = JSON.parse(text('manifest.json'));
    expect(manifest.counts).toEqual(done.counts);
    const total = Object.values(done.counts!).reduce((sum, n) => sum + n, 0);
    expect(done.progress).toEqual({ done: total, total });
    expect(text('README.txt')).toContain('activities/files/<id>.fit');
  });

  it('is the owner’s alone, answers 304 to its ETag, and lists it', async () => {
    expect((await stack.gateway.get(`/v1/exports/${done.id}`, { token: stranger.token })).status).toBe(404);
    const foreign = await download(done.downloadUrl!, stranger.token);
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { message: string }).message).toContain(`no export ${done.id}`);
    const bad = await stack.gateway.get('/v1/exports/not-a-uuid', { token: owner.token });
    expect(bad).toMatchObject({ status: 400 });
    expect(bad.body.message).toContain('is not an export id');

    const first = await download(done.downloadUrl!, owner.token);
    await first.arrayBuffer();
    const again = await download(done.downloadUrl!, owner.token, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);

    const listed = await stack.gateway.get('/v1/exports', { token: owner.token });
    expect(listed.body.map((e: ExportView) => e.id)).toContain(done.id);
    expect((await stack.gateway.get('/v1/exports', { token: stranger.token })).body.map((e: ExportView) => e.id)).not.toContain(done.id);
  });

  it('refuses to download an export not finished or failed, with the reason', async () => {
    const [pending] = await query(`INSERT INTO data_exports (user_id) VALUES ($1) RETURNING id`, [stranger.userId]);
    const notReady = await download(`/v1/exports/${pending.id}/download`, stranger.token);
    expect(notReady.status).toBe(409);
    expect(((await notReady.json()) as { message: string }).message).toContain('is still being made (not started yet)');
    // One at a time: asking again while it is pending answers the same export.
    const same = await stack.gateway.post('/v1/exports', {}, { token: stranger.token });
    expect(same).toMatchObject({ status: 200, body: { id: pending.id, status: 'pending' } });

    await query(`UPDATE data_exports SET status = 'failed', error = 'the disk is full' WHERE id = $1`, [pending.id]);
    const failed = await download(`/v1/exports/${pending.id}/download`, stranger.token);
    expect(failed.status).toBe(409);
    expect(((await failed.json()) as { message: string }).message).toContain('failed: the disk is full');
  });

  it('makes an export from a personal access token too', async () => {
    const pat = await stack.gateway.post('/v1/auth/tokens', { name: 'backup' }, { token: stranger.token });
    expect(pat.status).toBe(201);
    const started = await stack.gateway.post('/v1/exports', {}, { token: pat.body.token });
    expect(started.status).toBe(202);
    const view = await finished(pat.body.token, started.body.id);
    expect(view.status).toBe('completed');
    const files = Object.keys(unzipSync(new Uint8Array(await (await download(view.downloadUrl!, pat.body.token)).arrayBuffer())));
    expect(files.filter((f) => f.startsWith('activities/files/')).length).toBe(view.counts!['activity_files']);
  });

  it('ignores a redelivered command for a finished export, and fences out an attempt that another one superseded', async () => {
    const store = new ExportStore();
    const manager = stack.database.dataSource.manager;
    // A redelivery of the finished export's command: the worker finds nothing to do.
    const nats = await connect({ servers: stack.appEnv['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
    await nats.jetstream().publish(`${stack.prefix}.${CommandSubject.ExportRun}`, Buffer.from(JSON.stringify({ exportId: done.id, userId: owner.userId })), { msgID: `${done.id}-again` });
    await nats.close();
    await sleep(1500);
    const [row] = await query(`SELECT status, attempt FROM data_exports WHERE id = $1`, [done.id]);
    expect(row).toEqual({ status: 'completed', attempt: 1 });

    const [fresh] = await query(`INSERT INTO data_exports (user_id) VALUES ($1) RETURNING id`, [owner.userId]);
    const first = (await store.start(manager, fresh.id))!;
    expect(await store.appendChunk(manager, first, 0, Buffer.from('old'))).toBe(true);
    const second = (await store.start(manager, fresh.id))!;
    expect(second.attempt).toBe(first.attempt + 1);
    expect(await store.appendChunk(manager, first, 1, Buffer.from('late'))).toBe(false);
    expect(await store.progress(manager, first, 1, 1)).toBe(false);
    expect(await store.complete(manager, first, 3, {}, 1)).toBe(false);
    expect(await query(`SELECT attempt FROM data_export_chunks WHERE export_id = $1`, [fresh.id])).toEqual([]);
    expect(await store.appendChunk(manager, second, 0, Buffer.from('new'))).toBe(true);
    expect(await store.complete(manager, second, 3, {}, 1)).toBe(true);
    const chunks = [];
    for await (const chunk of store.chunks(manager, { id: fresh.id, attempt: second.attempt })) chunks.push(chunk.toString());
    expect(chunks).toEqual(['new']);
  });

  it('re-drives an export whose command was lost, and the worker makes it', async () => {
    const [lost] = await query(`INSERT INTO data_exports (user_id, updated_at) VALUES ($1, now() - interval '1 hour') RETURNING id`, [stranger.userId]);
    await query(`DELETE FROM data_exports WHERE user_id = $1 AND id <> $2 AND status = 'pending'`, [stranger.userId, lost.id]);
    let view: ExportView | undefined;
    await eventually(
      async () => {
        view = (await stack.gateway.get(`/v1/exports/${lost.id}`, { token: stranger.token })).body;
        return view?.status === 'completed';
      },
      60_000,
      'the lost export re-driven and completed',
    );
    expect(view!.counts!['activity_files']).toBeGreaterThan(0);
  });

  it('goes with the account: DELETE /v1/me removes the exports and their chunks', async () => {
    const removed = await stack.gateway.delete('/v1/me', { token: owner.token });
    expect(removed.status).toBe(200);
    expect(removed.body.removed['data_exports']).toBeGreaterThanOrEqual(1);
    expect(removed.body.removed['data_export_chunks']).toBeGreaterThanOrEqual(1);
    expect(await query(`SELECT 1 FROM data_exports WHERE user_id = $1 UNION ALL SELECT 1 FROM data_export_chunks WHERE user_id = $1`, [owner.userId])).toEqual([]);
  });
});
