import { ArchiveUser, PlatformStack, seedArchiveUser } from '@fittrack/testing';
import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { eventually, startStack } from './support/stack';

jest.setTimeout(240_000);

/** A short ack wait, so the command of a lost worker is redelivered to the other one within seconds. */
const WORKER_ENV = { SYNC_ACK_WAIT_MS: '3000' };
/** Enough to take the worker several seconds (75 MB of files that do not compress), so it can be lost halfway. */
const ACTIVITIES = 300;
const FILE_KB = 256;

/**
 * An export whose worker is lost halfway, killed or frozen: the command goes to another worker, whose attempt
 * starts the archive over and fences the first one out. The download is then one whole, valid archive of one
 * attempt, with every file byte for byte, and a frozen worker that wakes up adds nothing to it.
 */
describe('an export whose worker is lost halfway, or that is too large to make', () => {
  let stack: PlatformStack;
  let profileId = 72_000_000;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const exportRow = async (id: string) =>
    (await query(`SELECT status, attempt, done_items AS "done", total_items AS "total", size_bytes::float8 AS "size" FROM data_exports WHERE id = $1`, [id]))[0];
  const chunksOf = async (id: string): Promise<{ attempt: number; seq: number; bytes: number }[]> =>
    query(`SELECT attempt, seq, length(data) AS bytes FROM data_export_chunks WHERE export_id = $1 ORDER BY attempt, seq`, [id]);

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 0, env: WORKER_ENV });
  });

  afterAll(async () => {
    for (const worker of stack?.workers ?? []) await worker.process.stop('SIGKILL');
    await stack?.stop();
  });

  /** A user with a large archive, and their export started and well under way on the only worker running. */
  async function exportUnderWay(): Promise<{ user: ArchiveUser; id: string }> {
    profileId += 1;
    const user = await seedArchiveUser(stack.database.dataSource, { profileId, activities: ACTIVITIES, fileKb: FILE_KB, days: 30, metrics: ['sleep', 'steps'] });
    const started = await stack.gateway.post('/v1/exports', {}, { token: user.token });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await eventually(async () => (await exportRow(id)).done > 0 && (await chunksOf(id)).length > 0, 60_000, 'the export to be under way');
    return { user, id };
  }

  /** The finished archive, downloaded: one attempt's chunks, numbered from 0, making a ZIP that holds everything. */
  async function expectWholeArchive(user: ArchiveUser, id: string, attempt: number): Promise<void> {
    await eventually(async () => (await exportRow(id)).status !== 'running', 120_000, 'the export to end');
    const row = await exportRow(id);
    expect(row).toMatchObject({ status: 'completed', attempt });
    const chunks = await chunksOf(id);
    expect(chunks.map((c) => [c.attempt, c.seq])).toEqual(chunks.map((_, seq) => [attempt, seq]));
    expect(chunks.reduce((sum, c) => sum + c.bytes, 0)).toBe(row.size);

    const answer = await fetch(`${stack.gateway.url}/v1/exports/${id}/download`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(answer.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await answer.arrayBuffer()));
    const files = Object.keys(zip).filter((path) => path.startsWith('activities/files/'));
    expect(files).toHaveLength(ACTIVITIES);
    for (const path of files) expect(createHash('sha256').update(zip[path]).digest('hex')).toBe(user.fileSha256);
    expect(JSON.parse(Buffer.from(zip['manifest.json']).toString()).counts).toEqual({
      activity_files: ACTIVITIES,
      'activities/activities': ACTIVITIES,
      'health/sleep': 30,
      'health/steps': 30,
    });
  }

  it('killed: another worker makes the whole archive again, and only its attempt is kept', async () => {
    const first = await stack.startWorker();
    const { user, id } = await exportUnderWay();
    const lostAt = await exportRow(id);
    expect(lostAt).toMatchObject({ status: 'running', attempt: 1 });
    expect(lostAt.done).toBeLessThan(lostAt.total);

    await first.process.stop('SIGKILL');
    const second = await stack.startWorker();
    await expectWholeArchive(user, id, 2);
    expect(second.process.logs).toContain(`export ${id}: completed`);
    console.log(`proved: killed at ${lostAt.done} of ${lostAt.total} items, the export was made again by the other worker, whole, from its attempt alone`);
    await second.process.stop();
  });

  it('frozen: the thawed worker learns it was superseded and writes nothing into the archive', async () => {
    const frozen = await stack.startWorker();
    const { user, id } = await exportUnderWay();
    expect(await exportRow(id)).toMatchObject({ status: 'running', attempt: 1 });

    process.kill(frozen.process.pid!, 'SIGSTOP');
    const other = await stack.startWorker();
    await eventually(async () => (await exportRow(id)).attempt === 2, 60_000, 'the other worker to take the export over');
    const logsAtThaw = frozen.process.logs.length;
    process.kill(frozen.process.pid!, 'SIGCONT');

    await expectWholeArchive(user, id, 2);
    await eventually(async () => frozen.process.logs.slice(logsAtThaw).includes(`export ${id}: attempt 1 was superseded`), 60_000, 'the thawed worker to give its attempt up');
    expect((await chunksOf(id)).filter((c) => c.attempt === 1)).toEqual([]);
    expect(other.process.logs).toContain(`export ${id}: completed`);
    expect(() => process.kill(frozen.process.pid!, 0)).not.toThrow(); // still running: giving up is not a crash
    console.log('proved: frozen mid-export and thawed after the takeover, the first worker gave its attempt up; the archive is the second attempt alone');
  });

  it('refuses, with the reason, an archive of more entries than a ZIP without ZIP64 can hold, and keeps nothing of it', async () => {
    await stack.startWorker();
    profileId += 1;
    // 65,534 empty files, the activities' JSON and CSV, the manifest and the README: 65,538 entries.
    const user = await seedArchiveUser(stack.database.dataSource, { profileId, activities: 65_534, fileKb: 0 });
    const started = await stack.gateway.post('/v1/exports', {}, { token: user.token });
    await eventually(async () => ['completed', 'failed'].includes((await exportRow(started.body.id)).status), 60_000, 'the export to end');
    const view = (await stack.gateway.get(`/v1/exports/${started.body.id}`, { token: user.token })).body;
    expect(view).toMatchObject({
      status: 'failed',
      downloadUrl: null,
      error: 'the archive could not be made: it would hold 65538 entries, more than a ZIP can without ZIP64 (65535)',
    });
    expect(await chunksOf(started.body.id)).toEqual([]);
    const download = await stack.gateway.get(`/v1/exports/${started.body.id}/download`, { token: user.token });
    expect([download.status, download.body.code]).toEqual([409, 'EXPORT_FAILED']);
  });
});
