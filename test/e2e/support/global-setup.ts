// Once per browser-journey run: the migrated database every file clones (as for the integration
// tests), and one Chromium that every file connects to, so a file starts in a fraction of a
// second instead of launching a browser of its own. Each file still gets its own browser
// contexts (cookies, storage) and its own Waymark server and database.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import prepareDatabase from '../../support/global-setup.js';

// Debian's chromium-headless-shell: the same engine as its chromium, without the browser's user
// interface. The journeys used half as much CPU in the browser with it (the browser process's
// own work fell from a third of Chromium's time to a tenth), and on two CPUs the browser's time
// is most of a journey's. The full chromium still serves where the shell is not installed.
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
// The network here is closed: without these, Chromium keeps trying to reach Google's services.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the run's Chromium listens (playwright's protocol over a WebSocket). */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  await prepareDatabase();
  const browser = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    host: '127.0.0.1',
  });
  project.provide('chromiumEndpoint', browser.wsEndpoint());
  return () => browser.close();
}
