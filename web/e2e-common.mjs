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

// Runs a check script's body in the launched session and closes the browser whatever happens. The
// last line printed is one JSON summary the pytest wrappers read: on success the body's result
// object with `ok: true` (after the shared final checks: no request left BASE_URL, no page errors),
// on failure `ok: false` with the error, a screenshot named `failure`, and what was collected so far.
// `offline: false` skips the final checks, for a page that is meant to reach another origin (tiles).
export async function run({ browser, page, foreign, errors }, body,
  { failure = 'failure.png', partial = () => ({}), offline = true } = {}) {
  try {
    const results = await body();
    if (offline) {
      check(foreign.length === 0, `no request left ${base} (${foreign.slice(0, 3).join(', ')})`);
      check(errors.length === 0, `no page errors (${errors.slice(0, 3).join(' | ')})`);
    }
    console.log(JSON.stringify({ ok: true, shots, ...results }));
  } catch (err) {
    await page.screenshot({ path: join(shots, failure) }).catch(() => {});
    console.error(String((err && err.stack) || err));
    console.log(JSON.stringify({ ok: false, shots, error: String((err && err.message) || err), errors,
      foreign: foreign.slice(0, 5), ...partial() }));
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
