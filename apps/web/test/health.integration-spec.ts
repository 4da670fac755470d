import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { WebStack } from './support/web-stack';

jest.setTimeout(180_000);

/** What the page's own `fetch` answers, with the session's cookies (and its CSRF token when it changes something). */
function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie.replace(/(?:^|.*;\s*)ft_csrf=([^;]*).*$/, '$1');
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as T;
    },
    { method, path, body },
  );
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** As the page writes it: "7 h 12 min". */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  return hours === 0 ? `${rest} min` : rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The metrics whose raw JSON holds the series of a day's page. */
const INTRADAY = ['sleep', 'heart_rate', 'stress', 'body_battery', 'steps_intraday'];

const rendered = (page: Page) => page.waitForFunction(() => performance.getEntriesByName('health:rendered').length > 0);

/**
 * The health pages in a real browser, after a real sync from the simulator: the charts drawn by uPlot, last night
 * as the API says it, another span, and one day in full.
 */
describe('the health pages', () => {
  let web: WebStack;
  let page: Page;
  let today: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await WebStack.start();
    page = await web.signedInPage(await web.account({ historyDays: 45 }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Steps per 15 minutes are not synced by default: choose them too, so the day's page has every chart.
    const selection = await call<{ effective: string[] }>(page, 'GET', '/v1/sync/selection');
    await call(page, 'PUT', '/v1/sync/selection', { kinds: [...selection.effective, 'steps_intraday'] });
    // Today as the app counts it: in the user's Garmin time zone.
    const { timeZone } = await call<{ timeZone: string | null }>(page, 'GET', '/v1/auth/me');
    today = await page.evaluate(
      (zone) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()),
      timeZone ?? undefined,
    );
    expect((await web.sync(page, { types: ['health'], from: addDays(today, -29), to: today })).status).toBe('completed');
  });

  afterAll(() => web?.stop());

  it('shows the sleep chart with last night as the API says it', async () => {
    await page.getByRole('link', { name: 'Health', exact: true }).click();
    await rendered(page);
    const sleep = await call<{ days: { date: string; value: number }[] }>(page, 'GET', `/v1/health/sleep?from=${addDays(today, -29)}&to=${today}`);
    const latest = sleep.days[sleep.days.length - 1];
    const night = await call<{ raw: { dailySleepDTO: { deepSleepSeconds: number } } }>(page, 'GET', `/v1/health/sleep/${latest.date}`);

    const card = page.getByRole('region', { name: 'Sleep' });
    await card
      .getByRole('img', { name: /^Sleep, last 30 days: / })
      .locator('canvas')
      .waitFor();
    expect(await card.locator('.last-night-total').textContent()).toBe(`${duration(latest.value)} asleep`);
    expect(await card.locator('.last-night-when').textContent()).toEqual(latest.date === today ? 'Last night' : expect.stringMatching(/^Latest night: /));
    expect(await card.getByText(/^Deep /).textContent()).toContain(duration(night.raw.dailySleepDTO.deepSleepSeconds));
    // Every chart of the page is a uPlot canvas, described for screen readers.
    for (const name of [
      /^Resting heart rate, last 30 days: \d+ bpm to \d+ bpm, latest/,
      /^Stress, last 30 days/,
      /^Body Battery, last 30 days/,
      /^Steps, last 30 days/,
    ]) {
      expect(await page.getByRole('img', { name }).locator('canvas').count()).toBe(1);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1100);
    await screenshot(page, 'health');
  });

  it('switches to 7 days', async () => {
    await page.evaluate(() => performance.clearMarks('health:rendered'));
    await page.getByLabel('7 days').check();
    await rendered(page);
    await page.getByRole('img', { name: /^Resting heart rate, last 7 days: / }).waitFor();
    await page.getByRole('img', { name: /^Sleep, last 7 days: / }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/health?days=7');
  });

  it('stacks a year of nights by stage from one request', async () => {
    const asked: string[] = [];
    const listen = (request: { url(): string }) => asked.push(new URL(request.url()).pathname);
    page.on('request', listen);
    await page.evaluate(() => performance.clearMarks('health:rendered'));
    await page.getByLabel('1 year').check();
    await rendered(page);
    page.off('request', listen);
    await page.getByRole('img', { name: /^Sleep, last 12 months: .*stacked by stage/ }).waitFor();
    expect(asked.filter((path) => path.startsWith('/v1/health/sleep'))).toEqual(['/v1/health/sleep']);
    await page.getByLabel('7 days').check();
    await rendered(page);
  });

  it('opens one day in full from the values table, its series charted', async () => {
    // The newest day of the week with every intraday series (a day off the wrist has no stress, for one).
    const week = await call<{ days: { date: string; values: Record<string, number | null> }[] }>(
      page,
      'GET',
      `/v1/health?from=${addDays(today, -6)}&to=${today}`,
    );
    const full = week.days.filter((day) => INTRADAY.every((metric) => day.values[metric] != null)).pop();
    expect(full).toBeDefined();
    const date = full!.date;

    const sleep = page.getByRole('region', { name: 'Sleep' });
    await sleep.getByRole('button', { name: /^Show the values/ }).click();
    await sleep.getByRole('table').locator(`a[href="#/health/sleep/${date}"]`).click();
    await page.waitForURL(new RegExp(`#/health/sleep/${date}$`));
    for (const name of [/^Night to .+: from \d\d:\d\d to \d\d:\d\d, /, /^Heart rate on /, /^Stress on /, /^Steps on /]) {
      await page.getByRole('img', { name }).locator('canvas').waitFor();
    }
    const tiles = page.getByRole('list', { name: 'The day’s values' });
    expect(await tiles.getByRole('link', { name: /^Sleep/ }).getAttribute('aria-current')).toBe('page');
    expect(await tiles.getByRole('link', { name: /^Sleep/ }).textContent()).toBe(`Sleep${duration(full!.values['sleep']!)}`);
    await screenshot(page, 'health-day');
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone, in the dark theme too', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    const fits = () =>
      page.waitForFunction(
        () =>
          document.documentElement.scrollWidth <= 360 && [...document.querySelectorAll('.uplot')].every((plot) => plot.getBoundingClientRect().right <= 360),
      );
    await fits();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.evaluate(() => performance.clearMarks('health:rendered'));
    await page.getByRole('link', { name: '← All health charts' }).click();
    await rendered(page);
    await fits();
    // Every chart drawn again in the dark colours, or saying it has nothing (VO2 max is rare in a week).
    expect((await page.locator('.chart-card canvas').count()) + (await page.locator('.chart-card .empty').count())).toBe(9);
    await page.setViewportSize({ width: 1100, height: 800 });
    expect(pageErrors).toEqual([]);
  });
});
