import { Encoder, Mesg, Profile } from '@garmin/fitsdk';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { WebStack } from './support/web-stack';

jest.setTimeout(180_000);

const RECORDS = 1200;

/**
 * The simulator's FIT files have no positions (README, "An activity's files"), so the activity opened here gets
 * this one stored in place of its own, encoded by Garmin's SDK: a loop of a park, a position every second, heart
 * rate, altitude and distance. The gateway decodes it, checks its CRC, and converts it to GPX as a watch's file.
 */
function gpsFit(start: Date): Buffer {
  const encoder = new Encoder();
  // Field names follow the SDK's profile (camelCase); its typings only know the generic Mesg.
  const write = (mesgNum: number, fields: Record<string, unknown>) => encoder.onMesg(mesgNum, fields as unknown as Mesg);
  const semicircles = (degrees: number) => Math.round((degrees * 2 ** 31) / 180);
  write(Profile.MesgNum.FILE_ID, { manufacturer: 'garmin', product: 3113, timeCreated: start, type: 'activity' });
  for (let i = 0; i <= RECORDS; i++) {
    const angle = (2 * Math.PI * i) / RECORDS;
    // An egg-shaped loop about 1.2 km across, so the drawing has a shape to keep.
    write(Profile.MesgNum.RECORD, {
      timestamp: new Date(start.getTime() + i * 1000),
      positionLat: semicircles(47.3769 + 0.005 * Math.sin(angle) * (1 + 0.3 * Math.cos(angle))),
      positionLong: semicircles(8.5417 + 0.008 * Math.cos(angle)),
      altitude: 410 + 5 * Math.sin(angle),
      heartRate: 140 + (i % 20),
      distance: i * 3,
    });
  }
  return Buffer.from(encoder.close());
}

/** The list's rows as they read: id (from the link), name, type, distance. */
const rowsOf = (page: Page) =>
  page.locator('table.activities tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      id: (row.querySelector('a')?.getAttribute('href') ?? '').replace('#/activities/', ''),
      type: row.children[1].textContent ?? '',
      distance: row.children[4].textContent ?? '',
    })),
  );

const fitsOnAPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** The activities pages in a real browser against a real gateway and worker, after a sync of a few days of history. */
describe('the activities pages', () => {
  let web: WebStack;
  let page: Page;
  let userId: string;
  const pageErrors: string[] = [];
  const query = (sql: string, params: unknown[]) => web.stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    web = await WebStack.start();
    const account = await web.account({ historyDays: 10 });
    page = await web.signedInPage(account);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    expect((await web.sync(page, { types: ['activities'] })).status).toBe('completed');
    userId = await page.evaluate(async () => ((await (await fetch('/v1/auth/me')).json()) as { user: { id: string } }).user.id);
  });

  afterAll(() => web?.stop());

  it('lists the synced activities newest first, and filters them by type', async () => {
    await page.goto(`${web.url}/#/activities`);
    await page.locator('table.activities tbody tr').first().waitFor();
    const stored: { activity_id: string; activity_type: string }[] = await query(
      `SELECT activity_id::text, activity_type FROM activities WHERE user_id = $1 ORDER BY start_time_utc DESC, activity_id DESC`,
      [userId],
    );
    const all = await rowsOf(page);
    expect(all.map((row) => row.id)).toEqual(stored.slice(0, 20).map((row) => row.activity_id));

    // A type with distance, so the activity opened next is one that could have GPS.
    const chosen = all.find((row) => row.distance !== '—') ?? all[0];
    await page.getByLabel('Type').selectOption({ label: chosen.type });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/matches these filters|match these filters|that match/).waitFor();
    const filtered = await rowsOf(page);
    const typeKey = stored.find((row) => row.activity_id === chosen.id)!.activity_type;
    expect(filtered.map((row) => row.id)).toEqual(stored.filter((row) => row.activity_type === typeKey).slice(0, 20).map((row) => row.activity_id));
    expect(new Set(filtered.map((row) => row.type))).toEqual(new Set([chosen.type]));
    await screenshot(page, 'activities-list');

    await page.setViewportSize({ width: 360, height: 800 });
    expect(await fitsOnAPhone(page)).toBe(true);
    await page.setViewportSize({ width: 1100, height: 800 });
  });

  it('opens an activity with GPS, draws its track, and downloads it as GPX', async () => {
    const [first] = await rowsOf(page);
    const [{ start }] = await query(`SELECT start_time_utc AS start FROM activities WHERE user_id = $1 AND activity_id = $2`, [userId, first.id]);
    const fit = gpsFit(new Date(start));
    const sha256 = createHash('sha256').update(fit).digest('hex');
    await query(`UPDATE activity_files SET data = $3, sha256 = $4, size_bytes = $5 WHERE user_id = $1 AND activity_id = $2`, [userId, first.id, fit, sha256, fit.length]);

    await page.locator(`a[href="#/activities/${first.id}"]`).click();
    const track = page.getByRole('img', { name: /^GPS track of .*: 1,201 recorded positions/ });
    await track.waitFor();
    const d = (await track.locator('path').getAttribute('d')) ?? '';
    // Points a unit apart or more are all kept: this loop is drawn with hundreds of them.
    expect(d.match(/L/g)?.length).toBeGreaterThan(500);
    expect(await track.locator('circle').count()).toBe(2);
    await page.getByRole('region', { name: 'Time in heart rate zones' }).getByRole('listitem').first().waitFor();
    await page.getByRole('region', { name: 'Laps' }).getByRole('row').nth(1).waitFor();
    await screenshot(page, 'activity');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'GPX', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(`${first.id}.gpx`);
    const gpx = readFileSync((await download.path())!, 'utf8');
    expect(gpx).toMatch(/^<\?xml[^>]*>\s*<gpx version="1.1"/);
    expect(gpx.match(/<trkpt lat="47\.\d+" lon="8\.\d+">/g)).toHaveLength(RECORDS + 1);

    await page.setViewportSize({ width: 360, height: 800 });
    expect(await fitsOnAPhone(page)).toBe(true);
    await page.setViewportSize({ width: 1100, height: 800 });
    expect(pageErrors).toEqual([]);
  });
});
