// End-to-end check of the charts in headless Chromium (real drags and clicks), with screenshots:
// timeline count axis and outlier-proof domain, brush restored from the URL, top actors/places, views.
// Usage: BASE_URL=http://127.0.0.1:PORT/ SHOTS=dir OLD_DATE=1960-03-01 [CHROMIUM=/usr/bin/chromium] node e2e-charts.mjs
import { join } from 'node:path';
import { base, check, launch, run, shots } from './e2e-common.mjs';

const oldDate = process.env.OLD_DATE || '1960-03-01';
const noCoords = process.env.NO_COORDS || 'e2e-nocoords-inside'; // an event without coordinates, dated 2020-03
// Checks of the review's fixes (issue 18): all are run and reported, then the first failure throws.
const failed = [];
const soft = (ok, what) => { console.log(`${ok ? 'ok' : 'FAILED'} - ${what}`); if (!ok) failed.push(what); };
const results = {};
const day = (s) => Date.parse(`${s}T00:00:00Z`) / 864e5;

const session = await launch();
const { page } = session;
const ready = () => page.waitForFunction(() => window.__dateline?.ready === true, null, { timeout: 60000 });
const tl = () => page.evaluate(() => { const t = window.__dateline.timeline; return { lo: t.lo, hi: t.hi, sel: t.sel }; });
// What the page's state says the events after the timeline are (the charts must agree with it): those
// whose start day is in the brush, the rule of the timeline's bars.
const afterBrush = () => page.evaluate(() => {
  const s = window.__dateline;
  return s.events.filter((e, i) => !s.brush || (s.days[i] >= s.brush[0] && s.days[i] < s.brush[1]));
});

await run(session, async () => {
  await page.goto(base);
  await ready();
  const events = await page.evaluate(() => window.__dateline.events.map((e) => e.event_date));
  results.events_loaded = events.length;
  check(events.includes(oldDate), `the store's ${oldDate} event is loaded (${events.length} events)`);

  // 1. a count axis: numeric labels, increasing upwards, starting at 0
  const ticks = await page.$$eval('#hist .axis.y text', (ts) => ts.map((t) => [t.textContent, Number(t.getAttribute('y'))]));
  const nums = ticks.filter(([t]) => /^[\d,]+$/.test(t)).map(([t, y]) => [Number(t.replace(/,/g, '')), y]);
  check(nums.length >= 2 && nums[0][0] === 0 && nums.every((v, i) => !i || (v[0] > nums[i - 1][0] && v[1] < nums[i - 1][1])),
    `count axis ${nums.map((v) => v[0])} (${ticks.find(([t]) => /per/.test(t))?.[0]})`);
  const barTotal = await page.evaluate(() => window.__dateline.timeline.counts.reduce((a, b) => a + b, 0));
  const maxTick = nums[nums.length - 1][0];
  const maxBin = await page.evaluate(() => { const t = window.__dateline.timeline, k = 7; let m = 0;
    for (let b = 0; b * k < t.counts.length; b++) { let s = 0; for (let i = 0; i < k; i++) s += t.counts[b * k + i]; m = Math.max(m, s); } return m; });
  check(maxTick >= maxBin && maxTick < 3 * maxBin, `axis top ${maxTick} covers the tallest bar ${maxBin}`);
  const colours = await page.$$eval('#hist rect.bar', (rs) => new Set(rs.map((r) => r.getAttribute('fill'))).size);
  check(colours >= 4, `bars stacked by event type (${colours} colours)`);

  // 2. the domain ignores the lone 1960 event, says so, and can show it
  let d = await tl();
  check(d.lo > day('2010-01-01') && d.lo <= day('2015-01-01'), `timeline starts ${new Date(d.lo * 864e5).toISOString().slice(0, 10)}, not in 1960`);
  check(barTotal === events.filter((e) => e && e !== oldDate).length, `every other dated event is in a bar (${barTotal})`);
  const out = await page.textContent('.tl-out');
  check(/1 earlier event not shown/.test(out), `the header says "${out}"`);
  await page.click('#tlall');
  d = await tl();
  check(d.lo <= day(oldDate), 'the "Show all dates" button extends the domain to 1960');
  await page.waitForTimeout(400);
  check(page.url().includes('dates=all'), 'the URL says so');
  await page.reload();
  await ready();
  check((await tl()).lo <= day(oldDate), 'and a reload keeps every date shown');
  await page.click('#tlall');
  d = await tl();
  check(d.lo > day('2010-01-01'), 'and "Trim outlying dates" trims it again');

  // 3. brush with a real drag; the URL keeps it; a reload restores it
  const box = await page.locator('#hist').boundingBox();
  const [xa, xb] = await page.evaluate(([a, b]) => [window.__dateline.timeline.x(a), window.__dateline.timeline.x(b)], [day('2020-01-01'), day('2020-07-01')]);
  await page.mouse.move(box.x + xa, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + xb, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  // the URL is written after a debounce (later when the page is busy): wait for it, at most 5 s
  await page.waitForFunction(() => /brush=/.test(location.hash), null, { timeout: 5000 }).catch(() => {});
  const label = await page.textContent('#brushlabel');
  const url = page.url();
  check(/#.*brush=2020-01-01\.\.2020-06-30/.test(url), `brush ${label} is in the URL ${url.slice(url.indexOf('#'))}`);
  const brushed = await afterBrush();
  const status = await page.textContent('#status');

  // 4. top actors and places: the counts are those of the events after the timeline
  const rows = await page.$$eval('#topactors button', (bs) => bs.map((b) => [b.dataset.key, Number(b.querySelector('.n').textContent.replace(/,/g, ''))]));
  check(rows.length >= 5, `${rows.length} top actors listed`);
  const [topName, topN] = rows[0];
  const count = brushed.filter((e) => e.actor1 === topName || e.actor2 === topName).length;
  check(count === topN && rows.every((r, i) => !i || r[1] <= rows[i - 1][1]), `top actor ${topName}: ${topN} events, as the brushed events say (${count})`);
  const places = await page.$$eval('#topplaces button', (bs) => bs.map((b) => [b.dataset.key, b.dataset.label, Number(b.querySelector('.n').textContent.replace(/,/g, ''))]));
  const pCount = brushed.filter((e) => String(e.geonameid ?? e.location) === places[0][0]).length;
  check(places.length >= 5 && pCount === places[0][2], `top place ${places[0][1]}: ${places[0][2]} events (${pCount})`);

  // 4b. the events the filters and the brush keep but the map cannot show (no coordinates) are listed
  await page.waitForFunction((id) => document.querySelector(`#items button[data-id="${id}"]`), noCoords, { timeout: 3000 }).catch(() => {});
  const off = await page.evaluate((id) => ({ listed: Boolean(document.querySelector(`#items button[data-id="${id}"]`)),
    group: document.querySelector('#unmapped')?.textContent || '', status: document.querySelector('#status').textContent }), noCoords);
  soft(off.listed && /Not on the map.*: 1 event$/.test(off.group) && /1 not on the map/.test(off.status),
    `the brushed event without coordinates is listed: "${off.group}"; ${off.status}`);
  // 4c. the bars under the brush add up to the events the brush keeps ("N after the timeline")
  const agree = await page.evaluate(() => {
    const t = window.__dateline.timeline, k = 7; let bars = 0;
    for (let b = 0; b + 1 < t.edges.length; b++) {
      if (t.edges[b] >= t.sel[0] && t.edges[b + 1] <= t.sel[1]) for (let i = 0; i < k; i++) bars += t.counts[b * k + i];
    }
    return { bars, kept: Number(/([\d,]+) after the timeline/.exec(document.querySelector('#status').textContent)[1].replace(/,/g, '')) };
  });
  soft(agree.bars === agree.kept && agree.kept === brushed.length, `bars under the brush ${agree.bars} = events it keeps ${agree.kept} (${brushed.length} start in it)`);
  await page.screenshot({ path: join(shots, 'charts.png') });
  await page.locator('#timeline').screenshot({ path: join(shots, 'timeline.png') });

  await page.reload();
  await ready();
  await page.waitForTimeout(200);
  check((await page.textContent('#brushlabel')) === label, `after a reload the brush is back: ${label}`);
  check((await page.textContent('#status')) === status, `and the map and list follow it: ${status}`);

  // 4d. a link pasted into the open tab (no reload) applies: view, brush and place view; and back
  // the link back: the current fragment, with the current map view (written only once the map moves)
  const hashBefore = await page.evaluate(() => { const m = window.__dateline.map, c = m.getCenter(), h = new URLSearchParams(location.hash.slice(1));
    h.set('map', `${m.getZoom()}/${c.lat}/${c.lng}`); return h.toString(); });
  await page.evaluate(() => { location.hash = 'map=7/14.5/-4.2&brush=2020-03-01..2020-03-31&place=Konna'; });
  await page.waitForFunction(() => /^Konna/.test(document.querySelector('#view:not([hidden]) .vname')?.textContent?.trim() || ''), null, { timeout: 20000 }).catch(() => {});
  const pasted = await page.evaluate(() => { const m = window.__dateline.map, c = m.getCenter();
    return { z: m.getZoom(), lat: c.lat, lon: c.lng, label: document.querySelector('#brushlabel').textContent,
      view: document.querySelector('#view').hidden ? '' : document.querySelector('#view .vname')?.textContent.trim() }; });
  soft(pasted.z === 7 && Math.abs(pasted.lat - 14.5) < 0.01 && Math.abs(pasted.lon + 4.2) < 0.01
    && pasted.label === 'Dates: 2020-03-01 to 2020-03-31' && /^Konna/.test(pasted.view || ''),
    `a pasted #map=…&brush=…&place=Konna applies without a reload: zoom ${pasted.z} at ${pasted.lat.toFixed(2)},${pasted.lon.toFixed(2)}, "${pasted.label}", view "${pasted.view}"`);
  await page.evaluate((h) => { location.hash = h; }, hashBefore);
  await page.waitForFunction((l) => document.querySelector('#brushlabel').textContent === l && document.querySelector('#view').hidden, label, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(200);
  soft((await page.textContent('#brushlabel')) === label && await page.isHidden('#view') && (await page.textContent('#status')) === status,
    `and pasting the old link back restores "${label}", closes the view: ${await page.textContent('#status')}`);
  check(!failed.length, `the review's fixes (${failed.join('; ')})`);

  // 5. a click on the top actor opens its view (in the URL too); partners are the other side
  await page.click('#topactors button >> nth=0');
  await page.waitForSelector('#view:not([hidden]) svg.vtime rect', { timeout: 20000 });
  const title = (await page.textContent('#view .vname')).trim();
  check(title === topName, `actor view of ${title}`);
  const vEvents = Number((await page.textContent('#view .vstats b')).replace(/,/g, ''));
  const apiN = await page.evaluate(async (n) => {
    let total = 0; let next = null;
    do {
      const p = new URLSearchParams({ actor: n, limit: '10000', fields: 'actor1,actor2' }); if (next) p.set('next', next);
      const body = await (await fetch(`events?${p}`)).json();
      total += body.events.filter((e) => e.actor1 === n || e.actor2 === n).length; next = body.next;
    } while (next);
    return total;
  }, topName);
  check(vEvents === apiN && vEvents >= topN, `the view counts ${vEvents} events, as /events?actor= does (${apiN})`);
  const partners = await page.$$eval('#view .vlist[data-i="0"] button', (bs) => bs.map((b) => b.dataset.key));
  check(partners.length > 0 && !partners.includes(topName), `partners: ${partners.slice(0, 3).join('; ')}…`);
  const csv = await page.getAttribute('#view a[download]', 'href');
  check(csv.includes(`actor=${encodeURIComponent(topName).replace(/%20/g, '+')}`) && csv.includes('format=csv'), `CSV link ${csv}`);
  await page.waitForTimeout(400);
  check(page.url().includes('actor='), 'the view is in the URL');
  await page.screenshot({ path: join(shots, 'actor-view.png') });

  await page.reload();
  await ready();
  await page.waitForSelector('#view:not([hidden]) .vname', { timeout: 20000 });
  check((await page.textContent('#view .vname')).trim() === topName, 'a reload reopens the actor view');
  await page.click('#view .vlist[data-i="0"] button >> nth=0');
  await page.waitForFunction((p) => document.querySelector('#view .vname') && document.querySelector('#view').dataset.key === p, partners[0], { timeout: 20000 });
  // GET /actors/{name}, when the server has it, titles the view with the knowledge base's canonical name
  const opened = (await page.textContent('#view .vname')).trim();
  await page.waitForFunction((k) => location.href.includes(`actor=${k}`), encodeURIComponent(partners[0]), { timeout: 5000 }).catch(() => {});
  check(opened !== topName && page.url().includes(`actor=${encodeURIComponent(partners[0])}`), `a partner's click opens ${partners[0]} (as "${opened}")`);

  // 6. a place from the chart
  await page.click('#topplaces button >> nth=0');
  await page.waitForFunction(() => /^Place/.test(document.querySelector('#view h2')?.textContent || ''), null, { timeout: 20000 });
  await page.waitForSelector('#view .vlist button', { timeout: 20000 });
  const pv = Number((await page.textContent('#view .vstats b')).replace(/,/g, ''));
  check(pv >= places[0][2], `place view of ${(await page.textContent('#view .vname')).trim()}: ${pv} events`);
  // a place by name straight from the URL: Konna, the ferry attack and its 1960 twin
  // typed into the address bar right after a click that changed the view (its URL write still waiting):
  // the typed fragment wins on reload
  await page.evaluate(() => { document.querySelector('#topplaces button').click(); location.hash = 'place=Konna'; });
  await page.waitForTimeout(600); // past urlstate.js's write delay
  await page.reload();
  await ready();
  await page.waitForSelector('#view:not([hidden]) .vname', { timeout: 20000 });
  const konna = [(await page.textContent('#view .vname')).trim(), Number(await page.textContent('#view .vstats b'))];
  check(/^Konna/.test(konna[0]) && konna[1] === 2, `#place=Konna opens ${konna[0]} with ${konna[1]} events`);

  // 7. shorter spans: weeks and days, still labelled, every event in a bar
  for (const [since, until, unit] of [['2023-02-10', '2023-12-31', 'week'], ['2024-03-05', '2024-04-15', 'day']]) {
    await page.fill('input[name=since]', since);
    await page.fill('input[name=until]', until);
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => window.__dateline.ready === false, null, { timeout: 5000 }).catch(() => {});
    await ready();
    const r = await page.evaluate(() => {
      const s = window.__dateline, t = s.timeline;
      const inBars = t.counts.reduce((a, b) => a + b, 0);
      const dated = [...s.days].filter((d) => d >= t.lo && d < t.hi).length;
      return { unit: t.unit, inBars, dated, labels: [...document.querySelectorAll('#hist .axis.x text')].map((x) => x.textContent) };
    });
    check(r.unit === unit && r.labels.length >= 3 && r.inBars === r.dated && r.inBars > 0,
      `${since}..${until}: ${r.inBars} events per ${r.unit}, labels ${r.labels.slice(0, 4).join(' ')}…`);
  }

  const refilter = async (since, until) => {
    await page.fill('input[name=since]', since);
    await page.fill('input[name=until]', until);
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => window.__dateline.ready === false, null, { timeout: 5000 }).catch(() => {});
    await ready();
  };
  // 7b. the keyboard brush snaps to bin edges, as a drag does: whole months with month bins
  await refilter('2019-01-01', '2023-12-31');
  await page.focus('#hist');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  const kb = await page.evaluate(() => {
    const t = window.__dateline.timeline;
    return { unit: t.unit, onEdges: Boolean(t.sel) && t.sel.every((d) => t.edges.includes(d)), label: document.querySelector('#brushlabel').textContent };
  });
  check(kb.unit === 'month' && kb.onEdges && /^Dates: \d{4}-\d\d-01 to \d{4}-\d\d-(28|29|30|31)$/.test(kb.label),
    `the keyboard brush is whole ${kb.unit}s: ${kb.label}`);
  // 7c. filters that match nothing: said so, no date axis (no "1970-01-01"), a note in the list
  await refilter('2090-01-01', '2090-12-31');
  // the list is redrawn after a short debounce
  await page.waitForFunction(() => !document.querySelector('#items button'), null, { timeout: 3000 }).catch(() => {});
  const none = await page.evaluate(() => ({ n: window.__dateline.events.length, out: document.querySelector('.tl-out').textContent,
    dates: [...document.querySelectorAll('#hist .axis.x text')].map((x) => x.textContent), list: document.querySelector('#items').textContent.trim() }));
  check(none.n === 0 && none.out === 'no events' && none.dates.length === 0 && /^No events match the filters/.test(none.list),
    `no events: "${none.out}", date labels [${none.dates}], list "${none.list}"`);

  // 8. phone width, the view open: nothing overflows sideways
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal overflow at 390 px with the view open (${overflow})`);
  const clash = await page.evaluate(() => {
    const [a, b] = ['#legend', '.leaflet-control-attribution'].map((s) => document.querySelector(s).getBoundingClientRect());
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  });
  check(!clash, 'the legend and the map attribution do not overlap at 390 px');
  await page.setViewportSize({ width: 1366, height: 820 });
  await page.focus('#view');
  await page.keyboard.press('Escape');
  check(await page.isHidden('#view'), 'Escape closes the view');
  // the URL is written after a debounce, later when the page is busy (the basemap's layers load)
  await page.waitForFunction(() => !/actor=|place=/.test(location.href), null, { timeout: 5000 }).catch(() => {});
  check(!/actor=|place=/.test(page.url()), `and leaves the URL (${page.url()})`);

  return results;
}, { partial: () => results });
