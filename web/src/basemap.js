// The offline basemap under the events: country fill (map.js), rivers, lakes and coastlines, admin-1
// boundaries and names, and populated places labelled by zoom — all vector, from the bundle
// (static/basemap/*.json, built by web/basemap-data.mjs) and the server's gazetteer
// (/basemap/places). Layers load lazily, the first time the view is zoomed in far enough.
// An optional XYZ tile URL (Config.basemap_tiles, /basemap/config.json) goes underneath.
import L from 'leaflet';
import { feature } from 'topojson-client';
import { esc } from './dom.js';

export const ZOOM = { water: 3, admin1: 5, places: 4, admin1Labels: [5, 8] }; // below 5 admin-1 is clutter, and slow
const MAX_LABELS = 140; // per view, after collision culling
const PAD = 0.15; // fetch places this far beyond the view, so small pans need no request

// Population tiers → label class (font size and weight in style.css).
const tier = (pop) => (pop >= 1e6 ? 1 : pop >= 1e5 ? 2 : pop >= 1e4 ? 3 : 4);
const FONT_PX = [0, 13, 12, 11, 10.5];

function pane(map, name, z, interactive = false) {
  const p = map.createPane(name);
  p.style.zIndex = String(z);
  if (!interactive) p.style.pointerEvents = 'none';
  return p;
}

export class Basemap {
  // map: the Leaflet map; base: URL prefix of the bundled layers; api: prefix of /basemap routes.
  constructor(map, { base = 'static/basemap/', api = '' } = {}) {
    this.map = map;
    this.base = base;
    this.api = api;
    this.tiles = null;
    this.loaded = {};
    this.placesKey = '';
    this.places = [];
    this.admin1Points = [];
    pane(map, 'bmWater', 320);
    pane(map, 'bmAdmin', 330);
    pane(map, 'bmLabels', 390); // under the events (overlayPane 400, markerPane 600)
    this.waterRenderer = L.svg({ pane: 'bmWater', padding: 0.3 });
    this.adminRenderer = L.svg({ pane: 'bmAdmin', padding: 0.3 });
    this.labels = L.layerGroup([], { pane: 'bmLabels' }).addTo(map);
    this.ctl = null;
    let timer = 0;
    map.on('moveend', () => { clearTimeout(timer); timer = setTimeout(() => this.update(), 80); });
  }

  // Online tiles first if configured, then whatever the current zoom needs.
  async start() {
    try {
      const cfg = await (await fetch(`${this.api}basemap/config.json`)).json();
      if (cfg.tiles) {
        this.tiles = L.tileLayer(cfg.tiles, { maxZoom: 19, attribution: `Tiles: ${cfg.attribution}` }).addTo(this.map);
      }
    } catch { /* offline layers only */ }
    this.map.attributionControl.addAttribution('Natural Earth · GeoNames (CC BY 4.0)');
    await this.update();
  }

  // Each layer is drawn as soon as it arrives: place labels (a small request) and water do not wait for
  // the 3 MB admin-1 file; its lines and names are added when it comes (labels redrawn to make room).
  async update() {
    const z = this.map.getZoom();
    const seq = this.seq = (this.seq || 0) + 1; // a newer update (the view moved) owns the labels
    const water = z >= ZOOM.water && !this.tiles ? this.once('physical', () => this.loadPhysical()) : null;
    const admin = z >= ZOOM.admin1 && !this.adminCells ? this.once('admin1', () => this.loadAdmin1()) : null;
    this.showAdminCells();
    if (!this.tiles) await this.loadPlaces(z); // the tiles carry their own names
    if (seq === this.seq) this.drawLabels(z);
    await Promise.all([water, admin]);
    if (admin && seq === this.seq) { this.showAdminCells(); this.drawLabels(z); }
  }

  once(name, fn) {
    this.loaded[name] ??= fn().catch((err) => { delete this.loaded[name]; console.warn(`basemap ${name}: ${err}`); });
    return this.loaded[name];
  }

  async loadPhysical() {
    const topo = await (await fetch(`${this.base}physical.json`)).json();
    const water = '#a9c8e2';
    L.geoJSON(feature(topo, topo.objects.lakes), {
      renderer: this.waterRenderer, interactive: false, className: 'bm-lake',
      style: { color: '#7fa9cc', weight: 0.6, fillColor: water, fillOpacity: 1 },
    }).addTo(this.map);
    L.geoJSON(feature(topo, topo.objects.rivers), {
      renderer: this.waterRenderer, interactive: false, className: 'bm-river',
      style: { color: '#6f9ec7', weight: 1.3, opacity: 0.9 },
    }).addTo(this.map);
    L.geoJSON(feature(topo, topo.objects.coastlines), {
      renderer: this.waterRenderer, interactive: false, className: 'bm-coast',
      style: { color: '#7fa9cc', weight: 0.8 },
    }).addTo(this.map);
  }

  async loadAdmin1() {
    const topo = await (await fetch(`${this.base}admin1.json`)).json();
    const style = { color: '#8d7aa8', weight: 1, dashArray: '4 3', opacity: 0.9 };
    // One layer per 10° cell of province lines, on the map only while it is near the view.
    this.adminCells = feature(topo, topo.objects.lines).features.map((f) => {
      const layer = L.geoJSON(f, { renderer: this.adminRenderer, interactive: false, className: 'bm-admin1', style });
      return { layer, bounds: layer.getBounds() };
    });
    this.admin1Points = feature(topo, topo.objects.labels).features.filter((f) => f.properties.n)
      .map((f) => ({ name: f.properties.n, lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0], rank: f.properties.r }));
  }

  showAdminCells() {
    if (!this.adminCells) return;
    const view = this.map.getBounds().pad(0.25);
    for (const c of this.adminCells) {
      const near = this.map.getZoom() >= ZOOM.admin1 && view.intersects(c.bounds);
      if (near && !this.map.hasLayer(c.layer)) c.layer.addTo(this.map);
      else if (!near && this.map.hasLayer(c.layer)) c.layer.remove();
    }
  }

  async loadPlaces(z) {
    if (z < ZOOM.places) { this.places = []; return; }
    const b = this.map.getBounds().pad(PAD);
    const q = new URLSearchParams({
      west: b.getWest().toFixed(3), south: Math.max(-90, b.getSouth()).toFixed(3),
      east: b.getEast().toFixed(3), north: Math.min(90, b.getNorth()).toFixed(3), limit: '400',
    });
    const key = `${z}|${q}`;
    if (key === this.placesKey) return;
    this.ctl?.abort();
    this.ctl = new AbortController();
    try {
      const r = await fetch(`${this.api}basemap/places?${q}`, { signal: this.ctl.signal });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      this.places = (await r.json()).places;
      this.placesKey = key;
    } catch (err) {
      if (err.name !== 'AbortError') console.warn(`basemap places: ${err}`);
    }
  }

  // Labels, biggest places first, skipping any that would overlap one already placed.
  drawLabels(z) {
    this.labels.clearLayers();
    const size = this.map.getSize();
    // Controls and overlays on the map (zoom buttons, attribution, the page's legend) hide labels: keep clear.
    const box = this.map.getContainer().getBoundingClientRect();
    const taken = [...this.map.getContainer().parentElement.querySelectorAll('.leaflet-control, #legend')]
      .map((el) => el.getBoundingClientRect()).filter((r) => r.width)
      .map((r) => [r.left - box.left, r.top - box.top, r.right - box.left, r.bottom - box.top]);
    const fits = (x, y, w, h) => {
      if (x < 0 || y < 0 || x + w > size.x || y + h > size.y) return false;
      if (taken.some((r) => x < r[2] && x + w > r[0] && y < r[3] && y + h > r[1])) return false;
      taken.push([x - 2, y - 2, x + w + 2, y + h + 2]);
      return true;
    };
    let n = 0;
    if (!this.tiles) {
      for (const p of this.places) {
        if (n >= MAX_LABELS) break;
        const t = tier(p.population);
        const pt = this.map.latLngToContainerPoint([p.lat, p.lon]);
        const w = 7 + p.name.length * FONT_PX[t] * 0.58, h = FONT_PX[t] + 4;
        if (!fits(pt.x - 3, pt.y - h / 2, w, h)) continue;
        this.labels.addLayer(L.marker([p.lat, p.lon], {
          pane: 'bmLabels', interactive: false, keyboard: false,
          icon: L.divIcon({ className: `bm-place bm-p${t}`, iconSize: null, html: `<i></i><span data-pop="${p.population}">${esc(p.name)}</span>` }),
        }));
        n += 1;
      }
    }
    const [lo, hi] = ZOOM.admin1Labels;
    if (z < lo || z > hi) return;
    for (const p of this.admin1Points) {
      const pt = this.map.latLngToContainerPoint([p.lat, p.lon]);
      const w = p.name.length * 7.2, h = 14;
      if (!fits(pt.x - w / 2, pt.y - h / 2, w, h)) continue;
      this.labels.addLayer(L.marker([p.lat, p.lon], {
        pane: 'bmLabels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'bm-admin1-label', iconSize: null, html: `<span>${esc(p.name)}</span>` }),
      }));
    }
  }
}

