import { Decoder, Stream } from '@garmin/fitsdk';
import { createHash } from 'node:crypto';
import { PlatformStack } from '@fittrack/testing';
import { GatewayStack } from './support/stack';
import { LinkedUser, linkedUser, waitForJob } from './support/synced-users';

jest.setTimeout(180_000);

interface StoredFile {
  activity_id: string;
  data: Buffer;
  sha256: string;
}

const inner = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);

/** The record messages of a FIT, decoded here by Garmin's SDK (not by the gateway). */
function recordsOf(bytes: Buffer): Record<string, unknown>[] {
  const decoder = new Decoder(Stream.fromByteArray(new Uint8Array(bytes)));
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = new Decoder(Stream.fromByteArray(new Uint8Array(bytes))).read();
  expect(errors).toEqual([]);
  return (messages.recordMesgs ?? []) as Record<string, unknown>[];
}

/** A user synced for real (gateway, worker, simulator); their activities' original files are read back over HTTP. */
describe('an activity’s original FIT and its GPX/TCX/CSV export', () => {
  let stack: PlatformStack;
  let owner: LinkedUser;
  let stranger: LinkedUser;
  let files: StoredFile[];
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const download = (path: string, user: LinkedUser, headers: Record<string, string> = {}) =>
    fetch(`${stack.gateway.url}${path}`, { headers: { authorization: `Bearer ${user.token}`, ...headers } });

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 1, workers: 1, env: { GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0' } });
    owner = await linkedUser(stack.sim, stack.gateway, { historyDays: 14 });
    stranger = await linkedUser(stack.sim, stack.gateway, { historyDays: 14 });
    const started = await stack.gateway.post('/v1/sync', { types: ['activities'] }, { token: owner.token });
    expect(started.status).toBe(202);
    expect(await waitForJob(stack.gateway, owner, started.body.id, 150_000)).toMatchObject({ status: 'completed' });
    files = await query(`SELECT activity_id, data, sha256 FROM activity_files WHERE user_id = $1 AND file_format = 'fit' ORDER BY activity_id`, [owner.userId]);
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the stored FIT unchanged, as an attachment, with its sha256 as the ETag (and a 304 for it)', async () => {
    const [file] = files;
    const answer = await download(`/v1/activities/${file.activity_id}/file`, owner);
    expect(answer.status).toBe(200);
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect(bytes.equals(file.data)).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    expect(answer.headers.get('content-type')).toBe('application/vnd.ant.fit');
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${file.activity_id}.fit"`);
    expect(answer.headers.get('etag')).toBe(`"${file.sha256}"`);

    const again = await download(`/v1/activities/${file.activity_id}/file`, owner, { 'if-none-match': `"${file.sha256}"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('exports CSV: one row per record message of the FIT, every field', async () => {
    const file = files[0];
    const records = recordsOf(file.data);
    const answer = await download(`/v1/activities/${file.activity_id}/export?format=csv`, owner);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${file.activity_id}.csv"`);
    expect(answer.headers.get('etag')).toBe(`"${file.sha256}-csv-v1"`);
    const [header, ...rows] = (await answer.text()).trimEnd().split('\r\n').map((line) => line.split(','));
    expect(header[0]).toBe('timestamp');
    expect(new Set(header)).toEqual(new Set(records.flatMap((r) => Object.keys(r))));
    expect(rows).toHaveLength(records.length);
    rows.forEach((row, i) => {
      expect(Date.parse(row[0])).toBe((records[i]['timestamp'] as Date).getTime());
      for (const [j, field] of header.entries()) if (j > 0) expect(Number(row[j])).toBeCloseTo(records[i][field] as number, 9);
    });
  });

  it('exports TCX: every record as a Trackpoint with its time, heart rate and distance', async () => {
    const file = files[1];
    const records = recordsOf(file.data);
    const answer = await download(`/v1/activities/${file.activity_id}/export?format=tcx`, owner);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/vnd.garmin.tcx+xml');
    const tcx = await answer.text();
    expect(tcx).toContain('<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"');
    expect(inner(tcx, 'Lap')).toHaveLength(1);
    const points = inner(tcx, 'Trackpoint');
    expect(points).toHaveLength(records.length);
    points.forEach((point, i) => {
      expect(Date.parse(inner(point, 'Time')[0])).toBe((records[i]['timestamp'] as Date).getTime());
      expect(Number(inner(inner(point, 'HeartRateBpm')[0], 'Value')[0])).toBe(records[i]['heartRate']);
      expect(Number(inner(point, 'DistanceMeters')[0])).toBeCloseTo(records[i]['distance'] as number, 3);
    });
  });

  it('exports GPX 1.1; the simulator’s FITs have no positions, so the track segment is empty', async () => {
    const file = files[2];
    const records = recordsOf(file.data);
    expect(records.some((r) => r['positionLat'] !== undefined)).toBe(false);
    const answer = await download(`/v1/activities/${file.activity_id}/export?format=gpx`, owner);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/gpx+xml');
    const gpx = await answer.text();
    expect(gpx).toMatch(/<gpx version="1.1" creator="FitTrack Garmin Sync" xmlns="http:\/\/www.topografix.com\/GPX\/1\/1"/);
    expect(inner(gpx, 'trkpt')).toEqual([]);
    expect(inner(inner(gpx, 'metadata')[0], 'time')[0]).toBe((records[0]['timestamp'] as Date).toISOString().replace('.000', ''));
    const [{ name }] = await query(`SELECT name FROM activities WHERE user_id = $1 AND activity_id = $2`, [owner.userId, file.activity_id]);
    expect(inner(inner(gpx, 'trk')[0], 'name')[0]).toBe(String(name).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
  });

  it('refuses an unknown or missing format with a 400 listing the valid ones, and an id that is not one', async () => {
    const id = files[0].activity_id;
    for (const path of [`/v1/activities/${id}/export?format=kml`, `/v1/activities/${id}/export`, `/v1/activities/${id}/export?format=gpx&format=tcx`]) {
      const answer = await stack.gateway.get(path, { token: owner.token });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'ACTIVITY_EXPORT_UNKNOWN_FORMAT' });
      expect(answer.body.message).toContain('format must be one of: gpx, tcx, csv');
    }
    const badId = await stack.gateway.get('/v1/activities/abc/file', { token: owner.token });
    expect(badId).toMatchObject({ status: 400, body: { code: 'ACTIVITY_BAD_ID' } });
  });

  it('answers 404 for another user’s activity exactly as for an unknown one', async () => {
    const id = files[0].activity_id;
    for (const path of [`/v1/activities/${id}/file`, `/v1/activities/${id}/export?format=gpx`]) {
      const theirs = await stack.gateway.get(path, { token: stranger.token });
      expect(theirs).toMatchObject({ status: 404, body: { code: 'ACTIVITY_NOT_FOUND', message: `no activity ${id}` } });
    }
    const unknown = await stack.gateway.get('/v1/activities/999999999999/file', { token: owner.token });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'ACTIVITY_NOT_FOUND', message: 'no activity 999999999999' } });
    expect((await stack.gateway.get(`/v1/activities/${id}/file`)).status).toBe(401);
  });

  it('answers 422 with the reason when the stored file does not decode, and still serves it as it is', async () => {
    const file = files[files.length - 2];
    const damaged = Buffer.from(file.data);
    damaged[damaged.length - 5] ^= 0xff;
    await query(`UPDATE activity_files SET data = $3 WHERE user_id = $1 AND activity_id = $2`, [owner.userId, file.activity_id, damaged]);
    const answer = await stack.gateway.get(`/v1/activities/${file.activity_id}/export?format=tcx`, { token: owner.token });
    expect(answer).toMatchObject({ status: 422, body: { code: 'ACTIVITY_FILE_UNDECODABLE' } });
    expect(answer.body.message).toContain('its CRC does not match');
    const raw = await download(`/v1/activities/${file.activity_id}/file`, owner);
    expect(Buffer.from(await raw.arrayBuffer()).equals(damaged)).toBe(true);
    expect(stack.logs).not.toMatch(/Internal server error|\b500\b.*activities/);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const { status, body } = await stack.gateway.get('/docs/json');
    expect(status).toBe(200);
    expect(body.paths['/v1/activities/{id}/file'].get.responses).toHaveProperty('404');
    const exported = body.paths['/v1/activities/{id}/export'].get;
    expect(exported.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'format', in: 'query', schema: expect.objectContaining({ enum: ['gpx', 'tcx', 'csv'] }) })]));
    expect(Object.keys(exported.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404', '422']));
  });

  it('answers 404 with a reason for an activity stored without its file', async () => {
    const file = files[files.length - 1];
    await query(`DELETE FROM activity_files WHERE user_id = $1 AND activity_id = $2`, [owner.userId, file.activity_id]);
    for (const path of [`/v1/activities/${file.activity_id}/file`, `/v1/activities/${file.activity_id}/export?format=csv`]) {
      const answer = await stack.gateway.get(path, { token: owner.token });
      expect(answer).toMatchObject({ status: 404, body: { code: 'ACTIVITY_FILE_MISSING' } });
      expect(answer.body.message).toContain(`activity ${file.activity_id} is stored without its original file`);
    }
  });
});
