import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { WebAccount, WebStack } from './support/web-stack';

jest.setTimeout(180_000);

/** A read or a call of the gateway's API with the page's own session (cookies), or with the given bearer token. */
const call = (page: Page, path: string, bearer?: string) =>
  page.evaluate(
    async ({ path, bearer }) => {
      const response = await fetch(path, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    { path, bearer },
  );

/**
 * The settings page in a real browser against a real gateway and worker, after a small first sync: what is synced,
 * a personal access token's life, the whole archive as a ZIP, and deleting the account.
 */
describe('the settings page', () => {
  let web: WebStack;
  let page: Page;
  let account: WebAccount;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await WebStack.start();
    account = await web.account({ historyDays: 5 });
    page = await web.signedInPage(account);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    expect((await web.sync(page)).status).toBe('completed');
    await page.goto(`${web.url}/#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
  });

  afterAll(() => web?.stop());

  it('shows the link and this browser’s session, and saves a selection of its own that the gateway then answers', async () => {
    await page.getByText('Active.').waitFor();
    await page.getByText('This browser').waitFor();
    await page.getByRole('checkbox', { name: 'Pulse Ox (SpO2)' }).check();
    await page.getByRole('checkbox', { name: 'Stress' }).uncheck();
    await page.getByRole('button', { name: 'Save selection' }).click();
    await page.getByText('Saved. The next sync brings in these kinds.').waitFor();

    const { body } = await call(page, '/v1/sync/selection');
    const override = body['override'] as string[];
    expect(override).toContain('spo2');
    expect(override).not.toContain('stress');
    expect(body['effective']).toEqual(override);
    await page.getByText(/You chose your own selection/).waitFor();
  });

  it('makes a token, shows it once, lists it, and revokes it', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
    await page.getByLabel('Name').fill('grafana');
    await page.getByRole('button', { name: 'Make token' }).click();
    const token = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(token).toMatch(/^fgs_pat_[A-Za-z0-9_-]{43}$/);
    await page.getByText('Copy it now: you will not see it again.').waitFor();
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    // A real token: it reads as this user.
    expect((await call(page, '/v1/auth/me', token)).status).toBe(200);

    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(token);
    const list = page.getByRole('list', { name: 'Your tokens' });
    await list.getByText('grafana').waitFor();

    await page.getByRole('button', { name: 'Revoke grafana' }).click();
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText(/No tokens yet/).waitFor();
    expect((await call(page, '/v1/auth/me', token)).status).toBe(401);
  });

  it('makes an export, follows it to its download link, and downloads the ZIP', async () => {
    await page.getByRole('button', { name: 'Make an export' }).click();
    const link = page.getByRole('link', { name: 'Download ZIP' });
    await link.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    expect(readFileSync(await download.path()).subarray(0, 2).toString('latin1')).toBe('PK');

    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1100, height: 800 });
    await screenshot(page, 'settings');
  });

  it('deletes the account once its name is typed, and lands on the sign-in page', async () => {
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByLabel(/type your display name/).fill(account.displayName);
    await page.getByRole('button', { name: 'Delete my account and all its data' }).click();
    await page.getByLabel('Garmin email').waitFor();
    expect((await call(page, '/v1/auth/me')).status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
