// End-to-end check of the map page in headless Chromium (real clicks and keys), with screenshots.
// Usage: BASE_URL=http://127.0.0.1:PORT/ SHOTS=dir [CHROMIUM=/usr/bin/chromium] [MIN_EVENTS=50000] node e2e.mjs
import { join } from 'node:path';
import { base, check, launch, run, shots } from './e2e-common.mjs';

const minEvents = Number(process.env.MIN_EVENTS || 50000);
const EVENT = 'e2e-ferry-attack';
const results = {};

const session = await launch();
const { page } = session;
const ready = () => page.waitForFunction(() => window.__dateline?.ready === true, null, { timeout: 90000 });

await run(session, async () => {
  // 1. load everything
  const t0 = Date.now();
  await page.goto(base);
  await ready();
  results.load_ms = Date.now() - t0;
  const n = await page.evaluate(() => window.__dateline.events.length);
  results.events_loaded = n;
  check(n >= minEvents, `${n} events loaded in ${results.load_ms} ms`);
  // the page stays responsive: a pan + re-cluster, and an event-loop round trip
  const t1 = Date.now();
  await page.mouse.move(500, 400); await page.mouse.down(); await page.mouse.move(650, 450, { steps: 5 }); await page.mouse.up();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  results.pan_ms = Date.now() - t1;
  check(results.pan_ms < 3000, `pan and redraw in ${results.pan_ms} ms`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, '01-loaded.png') });

  // 2. filter (same names as the API): event type, and certainty at least "reported"
  await page.selectOption('select[name=event_type]', 'Violence against civilians');
  await page.selectOption('select[name=min_certainty]', 'reported');
  await page.click('#filters button[type=submit]');
  await page.waitForFunction(() => window.__dateline.ready === false, null, { timeout: 5000 }).catch(() => {});
  await ready();
  const types = await page.evaluate(() => [...new Set(window.__dateline.events.map((e) => e.event_type))]);
  const certs = await page.evaluate(() => [...new Set(window.__dateline.events.map((e) => e.certainty))].sort());
  results.filtered_events = await page.evaluate(() => window.__dateline.events.length);
  check(types.length === 1 && types[0] === 'Violence against civilians', `filter event_type → ${types} (${results.filtered_events} events)`);
  check(certs.every((c) => c === 'reported' || c === 'confirmed'), `filter min_certainty=reported → ${certs}`);
  check(page.url().includes('event_type=Violence'), 'filters are kept in the URL');

  // 3. brush the timeline over May 2024 (a real drag on the histogram)
  const box = await page.locator('#hist').boundingBox();
  const [xa, xb] = await page.evaluate(() => {
    const t = window.__dateline.timeline; const d = (s) => Date.parse(`${s}T00:00:00Z`) / 864e5;
    return [t.x(d('2024-05-01')), t.x(d('2024-06-01'))];
  });
  await page.mouse.move(box.x + xa, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + xb, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(200);
  const brushed = await page.evaluate(() => ({ sel: window.__dateline.brush, label: document.querySelector('#brushlabel').textContent }));
  check(brushed.sel && /2024-0[45]/.test(brushed.label), `brush selects ${brushed.label}`);
  results.status_after_brush = await page.textContent('#status');
  const kept = await page.evaluate(() => window.__dateline.map && window.__dateline.timeline && document.querySelectorAll('#items li').length);
  check(/after the timeline/.test(results.status_after_brush) && kept > 0, `map and list follow the brush: ${results.status_after_brush}`);
  await page.screenshot({ path: join(shots, '02-filtered-brushed.png') });

  // 4. open the event with a click on its marker (zoom in on Konna first)
  await page.evaluate(() => { window.__dateline.map.setView([14.94, -3.89], 12, { animate: false }); });
  await page.waitForTimeout(400);
  const pt = await page.evaluate(() => { const p = window.__dateline.map.latLngToContainerPoint([14.94, -3.89]); return [p.x, p.y]; });
  const mbox = await page.locator('#map').boundingBox();
  await page.mouse.click(mbox.x + pt[0], mbox.y + pt[1]);
  await page.waitForSelector('#panel article.text mark', { timeout: 10000 });
  const title = await page.textContent('#panel h2');
  check(/Violence against civilians/.test(title) && /Konna/.test(title), `marker click opens "${title.trim().replace(/\s+/g, ' ')}"`);

  // 5. evidence: click the fatalities evidence, see that sentence highlighted in the article text
  await page.click('#panel button.ev[data-field="fatalities"]');
  const active = await page.$$eval('#panel mark.active', (ms) => ms.map((m) => m.textContent).join(''));
  check(active.includes('killed nine passengers'), `fatalities evidence highlighted: "${active}"`);
  const struck = await page.$$eval('#panel article.text del', (ds) => ds.map((d) => d.textContent));
  check(struck.some((s) => s.includes('Lakeside Courier')) && struck.some((s) => s.startsWith('Read more')), `removed boilerplate struck out: ${JSON.stringify(struck)}`);
  const cert = await page.textContent('#panel .cert');
  check(/reported/.test(cert), `certainty shown (${cert})`);
  check(/Lakeside Courier/.test(await page.textContent('#panel .sources')), 'source article listed');
  await page.locator('#panel mark.active').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, '03-event-panel.png') });

  // 6. keyboard: move the brush with arrows, open an event from the list with Enter
  await page.focus('#hist');
  const before = await page.getAttribute('#hist', 'aria-valuetext');
  await page.keyboard.press('ArrowLeft');
  const moved = await page.getAttribute('#hist', 'aria-valuetext');
  check(before !== moved, `arrow key moves the brush (${before} → ${moved})`);
  await page.keyboard.press('Escape');
  check((await page.getAttribute('#hist', 'aria-valuetext')) === 'no selection', 'Escape clears the brush');
  await page.click('#panel .close');
  await page.waitForSelector(`#items button[data-id="${EVENT}"]`, { timeout: 5000 });
  await page.focus(`#items button[data-id="${EVENT}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel:not([hidden]) article.text mark', { timeout: 10000 });
  check(true, 'keyboard Enter on a list item opens the panel');
  await page.screenshot({ path: join(shots, '04-keyboard.png') });

  // 7. phone width
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal overflow at 390 px (${overflow})`);
  await page.screenshot({ path: join(shots, '05-phone.png'), fullPage: false });
  await page.evaluate(() => document.querySelector('#panel').scrollIntoView());
  await page.screenshot({ path: join(shots, '06-phone-panel.png') });

  // 7. the API docs: Swagger UI from the app itself, under the same Content-Security-Policy
  await page.setViewportSize({ width: 1366, height: 820 });
  await page.goto(new URL('docs', base).href);
  await page.waitForSelector('.swagger-ui .opblock-summary-path', { timeout: 30000 });
  const ops = await page.locator('.swagger-ui .opblock').count();
  check(ops >= 9, `/docs lists ${ops} operations`);
  await page.screenshot({ path: join(shots, '07-docs.png') });

  return results;
}, { partial: () => results });
