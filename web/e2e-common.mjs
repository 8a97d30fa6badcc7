// The set-up shared by the Chromium checks (e2e.mjs, e2e-charts.mjs, e2e-basemap.mjs): environment,
// a headless persistent Chromium with the network calls it would make on its own turned off, a page
// that records requests leaving BASE_URL and page errors, and `check`, which logs "ok - …" or throws.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const base = process.env.BASE_URL;
export const shots = process.env.SHOTS || mkdtempSync(join(tmpdir(), 'dateline-shots-'));
mkdirSync(shots, { recursive: true });

export const check = (ok, what) => { if (!ok) throw new Error(`FAILED: ${what}`); console.log(`ok - ${what}`); };

// { browser, page, foreign: URLs requested outside BASE_URL, errors: page errors and console errors }
export async function launch(viewport = { width: 1366, height: 820 }) {
  const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'dateline-chromium-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  const foreign = []; const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { browser, page, foreign, errors };
}
