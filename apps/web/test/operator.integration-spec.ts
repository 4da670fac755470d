import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { WebAccount, WebStack } from './support/web-stack';

jest.setTimeout(180_000);

/**
 * The operator. The role is the gateway's OPERATOR_GARMIN_PROFILE_IDS, read when it starts, so the profile id is
 * fixed before the stack is: the stack's simulator and database are its own, and web.account() makes ids from
 * 70,000,000 to 70,999,999, so this one is free in every run.
 */
const OPERATOR: WebAccount = { email: 'operator@fittrack.test', password: 'pw-operator-console', displayName: 'ops.oliver', profileId: 79_900_001 };

/** A figure of a row of counts (`<dl aria-label>`): the number under a label. */
const figure = (page: Page, group: string, label: string) =>
  page.getByLabel(group).locator('.figure').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');

/**
 * The operator console in a real browser: another user syncs, then the operator sees that job across users, the
 * links, the worker and Garmin's traffic; someone who is not an operator sees no console at all.
 */
describe('the operator console', () => {
  let web: WebStack;
  let runner: WebAccount;
  let runnerPage: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Workers report their Garmin traffic every second, so the chart has the sync's requests without a long wait.
    web = await WebStack.start({ env: { OPERATOR_GARMIN_PROFILE_IDS: String(OPERATOR.profileId), FLEET_REPORT_INTERVAL_MS: '1000' } });
    const created = await web.stack.sim.admin('/accounts', { ...OPERATOR, mfa: 'none', historyDays: 7 });
    if (created.profileId !== OPERATOR.profileId) throw new Error(`could not create the operator's account: ${JSON.stringify(created)}`);
    runner = await web.account({ historyDays: 21 });
    runnerPage = await web.signedInPage(runner);
    expect((await web.sync(runnerPage)).status).toBe('completed');
  });

  afterAll(() => web?.stop());

  it('shows no console to a user who is not an operator', async () => {
    expect(await runnerPage.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Operator' }).count()).toBe(0);
    await runnerPage.evaluate(() => (window.location.hash = '#/admin'));
    await runnerPage.getByRole('heading', { name: 'Page not found' }).waitFor();
    const answer = await runnerPage.evaluate(async () => {
      const response = await fetch('/v1/admin/jobs');
      return { status: response.status, code: ((await response.json()) as { code?: string }).code };
    });
    expect(answer).toEqual({ status: 403, code: 'OPERATOR_ONLY' });
  });

  it("shows the operator everyone's jobs, the links, the worker and Garmin's traffic, and no secret", async () => {
    const page = await web.signedInPage(OPERATOR);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Operator' }).click();
    await page.getByRole('heading', { name: 'Operator console' }).waitFor();

    const row = page.getByRole('region', { name: 'Jobs table' }).getByRole('row').filter({ hasText: runner.displayName });
    await row.waitFor();
    expect(await row.getByText('Completed').isVisible()).toBe(true);
    expect(await row.textContent()).toContain(`Garmin ${runner.profileId}`);
    expect(await figure(page, 'Jobs by status', 'Completed').textContent()).toBe('1');
    expect(await figure(page, 'Links by health', 'Linked').textContent()).toBe('2');
    await page.getByText('Nobody has to sign in again: every link renews by itself.').waitFor();
    const worker = page.getByRole('article', { name: /^Worker / });
    await worker.getByText('Idle: waiting for a job.').waitFor();
    expect(await worker.count()).toBe(1);

    // The sync's requests reach the fleet's minutes within a report interval; "Refresh" reads them.
    await page.getByLabel('Period').selectOption('6');
    const requests = figure(page, 'Garmin traffic over the last 6 hours', 'Requests');
    for (const deadline = Date.now() + 20_000; Number(await requests.textContent()) === 0 && Date.now() < deadline; ) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    expect(Number((await requests.textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.getByRole('img', { name: /^Chart of the last 6 hours/ }).locator('canvas').waitFor();
    // Away from the cursor the legend reads the latest bucket.
    expect(await page.locator('.u-legend').innerText()).toMatch(/Requests:?\s*\d/);
    await page.getByText(/^Updated at/).waitFor();
    await screenshot(page, 'operator');

    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain(runner.email);
    expect(text).not.toContain('@');

    // At a phone's width the console fits, its wide tables scrolling in their own boxes.
    await page.setViewportSize({ width: 360, height: 740 });
    const main = await page.locator('main').evaluate((element) => ({ right: element.getBoundingClientRect().right, overflow: element.scrollWidth - element.clientWidth }));
    expect(main).toEqual({ right: 360, overflow: 0 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(pageErrors).toEqual([]);
  });
});
