// The offline basemap in headless Chromium, as a reader uses it: open a shared link (view in the URL),
// then look at a country, a district and a village. At each zoom the page must draw admin-1 lines,
// rivers and place labels, with no request leaving the server; screenshots map-*.png go to SHOTS.
// Usage: BASE_URL=http://127.0.0.1:PORT/ SHOTS=dir [CHROMIUM=/usr/bin/chromium] node e2e-basemap.mjs
import { join } from 'node:path';
import { base, check, launch, run, shots } from './e2e-common.mjs';

// Ukraine, then the Dnipro at Kremenchuk: a river that is also an oblast boundary, and dense GeoNames places.
const VIEWS = [
  { name: 'country', z: 6, lat: 48.7, lon: 31.3, minLabels: 8 },
  { name: 'district', z: 9, lat: 49.1, lon: 33.3, minLabels: 12 },
  { name: 'village', z: 12, lat: 49.065, lon: 33.36, minLabels: 4 },
];

const session = await launch({ width: 1100, height: 720 });
const { page, errors } = session;

// What the basemap has drawn in the visible map: SVG paths with something inside the view, labels.
const drawn = () => page.evaluate(() => {
  const visible = (sel) => [...document.querySelectorAll(sel)].filter((p) => (p.getAttribute('d') || '').length > 12).length;
  const pops = [...document.querySelectorAll('.bm-place span')].map((s) => Number(s.dataset.pop));
  return { admin1: visible('path.bm-admin1'), rivers: visible('path.bm-river'), labels: pops.length,
    names: [...document.querySelectorAll('.bm-place span')].map((s) => s.textContent),
    minPop: Math.min(...pops), maxPop: Math.max(...pops), zoom: window.__dateline.map.getZoom(), hash: location.hash };
});

// TILES=1: the server has a basemap_tiles URL on another origin; its tiles must load (the CSP allows
// that origin's images) and the page's own place labels stay off.
async function tiles() {
  await page.goto(`${base}#map=5/48.5/31`);
  await page.waitForFunction(() => window.__dateline?.ready === true, null, { timeout: 90000 });
  await page.waitForFunction(() => document.querySelectorAll('img.leaflet-tile-loaded').length > 0, null, { timeout: 20000 }).catch(() => {});
  const t = await page.evaluate(() => ({ loaded: [...document.querySelectorAll('img.leaflet-tile-loaded')].filter((i) => i.naturalWidth > 0).length,
    src: document.querySelector('img.leaflet-tile')?.src || '', labels: document.querySelectorAll('.bm-place').length }));
  check(t.loaded > 0 && !t.src.startsWith(base), `tiles from the configured origin load (${t.loaded}, ${t.src.slice(0, 60)}…)`);
  check(t.labels === 0, 'no offline place labels over the tiles');
  check(!errors.some((e) => /Content Security Policy/i.test(e)), `no CSP violation (${errors.slice(0, 2).join(' | ')})`);
  return { tiles: t };
}

const results = {};
async function views() {
  const [first] = VIEWS;
  // The 3 MB admin-1 layer is held back on the first load: labels and water must not wait for it.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/basemap/admin1.json', async (route) => { await held; await route.continue(); });
  await page.goto(`${base}#map=${first.z}/${first.lat}/${first.lon}`);
  await page.waitForFunction(() => window.__dateline?.ready === true, null, { timeout: 90000 });
  check(await page.evaluate(() => window.__dateline.map.getZoom()) === first.z, `the view in the URL (#map=${first.z}/…) is restored on load`);
  await page.waitForFunction((n) => document.querySelectorAll('.bm-place').length >= n && document.querySelector('path.bm-river'),
    first.minLabels, { timeout: 30000 }).catch(() => {});
  const early = await drawn();
  release();
  check(early.labels >= first.minLabels && early.rivers > 0 && early.admin1 === 0,
    `while admin1.json loads: ${early.labels} place labels and ${early.rivers} river paths drawn, ${early.admin1} admin-1 paths`);
  for (const v of VIEWS) {
    if (v !== first) await page.evaluate(({ z, lat, lon }) => { window.__dateline.map.setView([lat, lon], z, { animate: false }); }, v);
    await page.waitForFunction((n) => document.querySelectorAll('.bm-place').length >= n
      && document.querySelector('path.bm-admin1') && document.querySelector('path.bm-river'), v.minLabels, { timeout: 30000 })
      .catch(() => {});
    await page.waitForTimeout(500); // labels are redrawn 80 ms after the last move
    const d = await drawn();
    results[v.name] = d;
    check(d.admin1 > 0, `${v.name} (z${v.z}): admin-1 boundaries drawn`);
    check(d.rivers > 0, `${v.name}: rivers drawn (${d.rivers} paths)`);
    check(d.labels >= v.minLabels, `${v.name}: ${d.labels} place labels (${d.names.slice(0, 6).join(', ')}…)`);
    check(d.hash.includes(`map=${v.z}/`), `${v.name}: the view is kept in the URL (${d.hash})`);
    await page.screenshot({ path: join(shots, `map-${v.name}.png`) });
  }
  // labels by zoom: the country view names only big places, the village view small ones too
  check(results.country.minPop > results.village.minPop, `smaller places appear as you zoom in (smallest labelled: ${results.country.minPop} → ${results.village.minPop})`);
  check(results.country.maxPop >= 1e6, `the country view labels a city of a million or more (${results.country.maxPop})`);
  return Object.fromEntries(Object.entries(results).map(([k, d]) => [k, { ...d, names: d.names.length }]));
}

const tileMode = Boolean(process.env.TILES);
await run(session, tileMode ? tiles : views, { failure: 'map-failure.png', offline: !tileMode });
