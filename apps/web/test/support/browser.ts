import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium (apt package `chromium`, which .ci/run installs): Playwright's own browser download cannot work offline. */
const CHROMIUM = '/usr/bin/chromium';

/**
 * The switches this closed network needs (../shared/TOOLCHAIN.md): without the background-networking ones Chromium
 * floods it with refused connections. Playwright gives each launch a fresh, empty profile directory of its own.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Where a run's screenshots go: tmp/test-output/web (git ignores tmp/). */
export const SCREENSHOTS = join(__dirname, '../../../../tmp/test-output/web');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
