import { createDataSource, runMigrations } from '@fittrack/persistence';
import { PlatformStack } from '@fittrack/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';

/** A simulator account for one browser test. */
export interface WebAccount {
  email: string;
  password: string;
  displayName: string;
  profileId: number;
}

let counter = 0;

/**
 * What every browser test needs: a gateway (serving the built app), a worker, the simulator, and Chromium. Short
 * backfills and no rate limits, so a first sync is done in seconds.
 */
export class WebStack {
  private constructor(
    readonly stack: PlatformStack,
    readonly browser: Browser,
  ) {}

  static async start(options: { workers?: number; env?: Record<string, string> } = {}): Promise<WebStack> {
    const stack = await PlatformStack.start({
      migrate: runMigrations,
      dataSource: (url) => createDataSource({ url, poolSize: 2 }),
      gateways: 1,
      workers: options.workers ?? 1,
      env: {
        GARMIN_ACCOUNT_RATE_PER_SECOND: '0',
        GARMIN_GLOBAL_RATE_PER_SECOND: '0',
        SYNC_PROGRESS_INTERVAL_MS: '200',
        SYNC_BACKFILL_DAYS: '21',
        // A build of the app elsewhere than dist/apps/web (e.g. `vite build --outDir …` while another build runs).
        ...(process.env['WEB_APP_DIR'] && { WEB_APP_DIR: process.env['WEB_APP_DIR'] }),
        ...options.env,
      },
    });
    try {
      return new WebStack(stack, await launchChromium());
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  get url(): string {
    return this.stack.gateway.url;
  }

  /** A fresh simulator account (no MFA unless told), with `historyDays` of data. */
  async account(spec: { mfa?: 'email'; historyDays?: number; timeZone?: string } = {}): Promise<WebAccount> {
    counter += 1;
    const profileId = 70_000_000 + (process.pid % 10_000) * 100 + counter;
    const account = { email: `web${profileId}@fittrack.test`, password: `pw-web-${profileId}`, displayName: `web${profileId}`, profileId };
    const created = await this.stack.sim.admin('/accounts', { ...account, mfa: spec.mfa ?? 'none', historyDays: spec.historyDays ?? 60, ...(spec.timeZone && { timeZone: spec.timeZone }) });
    if (created.profileId !== profileId) throw new Error(`could not create a simulator account: ${JSON.stringify(created)}`);
    return account;
  }

  /** A new browser page (its own cookie jar) signed in as the account through the sign-in form. */
  async signedInPage(account: WebAccount, options: { width?: number; height?: number } = {}): Promise<Page> {
    const page = await this.browser.newPage({ viewport: { width: options.width ?? 1100, height: options.height ?? 800 }, reducedMotion: 'reduce' });
    await page.goto(`${this.url}/`);
    await page.getByLabel('Garmin email').fill(account.email);
    await page.getByLabel('Garmin password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(account.displayName).waitFor();
    return page;
  }

  /**
   * Runs a sync for the signed-in page's user through the API (with the page's own cookies) and waits for it:
   * for tests of what comes after a sync.
   */
  async sync(page: Page, request: { types?: string[]; from?: string; to?: string } = {}): Promise<{ id: string; status: string }> {
    const started = await page.evaluate(async (body) => {
      const csrf = document.cookie.replace(/(?:^|.*;\s*)ft_csrf=([^;]*).*$/, '$1');
      const response = await fetch('/v1/sync', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
      return (await response.json()) as { id: string };
    }, request);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const job = await page.evaluate(async (id) => (await (await fetch(`/v1/sync/jobs/${id}`)).json()) as { id: string; status: string }, started.id);
      if (['completed', 'failed', 'cancelled'].includes(job.status) || Date.now() > deadline) return job;
      await page.waitForTimeout(200);
    }
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.stack.stop();
  }
}
