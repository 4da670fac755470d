import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { WebAccount, WebStack } from './support/web-stack';

jest.setTimeout(180_000);

/**
 * The web app in a real browser (Debian's Chromium, driven by Playwright), served by a real gateway, with a real
 * worker syncing from the simulator: what a person does on their first visit.
 */
describe('the web app', () => {
  let web: WebStack;
  let page: Page;
  let account: WebAccount;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await WebStack.start();
    // Far from the browser's UTC, so times shown in the user's Garmin zone are told apart from the browser's.
    account = await web.account({ mfa: 'email', timeZone: 'Pacific/Auckland' });
    page = await web.browser.newPage({ viewport: { width: 1100, height: 800 }, reducedMotion: 'reduce' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(() => web?.stop());

  it('signs in with MFA, keeping every token out of the page', async () => {
    await page.goto(`${web.url}/`);
    await page.getByLabel('Garmin email').fill(account.email);
    await page.getByLabel('Garmin password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code').waitFor();
    await screenshot(page, 'sign-in-mfa');
    await page.getByLabel('Code').fill(await web.stack.sim.mfaCode(account.email));
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByText(account.displayName).waitFor();
    expect(await page.getByRole('link', { name: 'Garmin: Active' }).isVisible()).toBe(true);
    // The session is in httpOnly cookies: the page can read the CSRF token, and nothing else.
    const readable = await page.evaluate(() => ({ cookies: document.cookie, stored: JSON.stringify({ ...localStorage, ...sessionStorage }) }));
    expect(readable.cookies).toMatch(/^ft_csrf=[^;]+$/);
    expect(readable.stored).not.toMatch(/token|csrf|ey[A-Za-z0-9_-]{20,}/i);
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.name !== 'ft_csrf').every((c) => c.httpOnly && c.sameSite === 'Strict')).toBe(true);
    expect(cookies.map((c) => c.name).sort()).toEqual(['ft_access', 'ft_csrf', 'ft_refresh']);
  });

  it('starts the first sync and follows the backfill live to its end', async () => {
    await page.getByText(/No syncs yet/).waitFor();
    const streams: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/events')) streams.push(request.url());
    });
    const progress: string[] = [];
    await page.getByRole('button', { name: 'Start sync' }).click();
    const card = page.getByRole('article');
    await card.waitFor();
    // Sampled while it runs: the bar moves on without a reload, pushed over the job's event stream.
    const deadline = Date.now() + 120_000;
    while (!(await card.getByText('Done').isVisible()) && Date.now() < deadline) {
      progress.push((await card.getByRole('progressbar').getAttribute('aria-valuenow')) ?? '');
      await page.waitForTimeout(100);
    }
    await screenshot(page, 'sync-done');
    expect(await card.getByText('Done').isVisible()).toBe(true);
    expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(new Set(progress).size).toBeGreaterThan(1);
    expect(streams).toHaveLength(1);
    expect(await card.getByText(/^Activities: \d+ of \d+$/).isVisible()).toBe(true);
    expect(await card.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
  });

  it('shows the same jobs after a reload, fits a phone, switches to the dark theme, and signs out', async () => {
    await page.reload();
    await page.getByRole('article').getByText('Done').waitFor();
    // Now that an activity is synced, times are in the user's Garmin time zone, not the browser's.
    const shown = await page.evaluate(async () => {
      const job = (await (await fetch('/v1/sync/jobs')).json()).items[0];
      const inZone = (timeZone: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(job.createdAt));
      return { auckland: inZone('Pacific/Auckland'), utc: inZone('UTC'), card: document.querySelector('article')?.textContent ?? '' };
    });
    expect(shown.auckland).not.toBe(shown.utc);
    expect(shown.card).toContain(shown.auckland);

    // The keyboard's first stop skips the navigation, and stays on the page.
    const before = await page.evaluate(() => window.location.hash);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => [document.activeElement?.id, window.location.hash])).toEqual(['content', before]);

    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await screenshot(page, 'sync-phone-dark');
    // The choice outlives a reload; it is a preference, the only thing the app keeps in the browser.
    await page.reload();
    await page.getByRole('button', { name: 'Switch to light theme' }).waitFor();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Garmin email').waitFor();
    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);
    await page.reload();
    await page.getByLabel('Garmin email').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
