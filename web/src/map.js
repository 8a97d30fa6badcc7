// Leaflet map: offline country outlines (Natural Earth via world-atlas) under the offline basemap
// (basemap.js) and client-side clusters (supercluster), coloured by the dominant event type and
// sized by fatalities. The view (zoom/lat/lon) is kept in the URL fragment as `map=`.
import L from 'leaflet';
import Supercluster from 'supercluster';
import { feature } from 'topojson-client';
import { Basemap } from './basemap.js';
import { colorOf, radiusOf } from './colors.js';
import { getState, setState } from './urlstate.js';

// "z/lat/lon" from the URL, or null when absent or malformed.
function savedView() {
  const v = (getState('map') || '').split('/').map(Number);
  return v.length === 3 && v.every(Number.isFinite) && Math.abs(v[1]) <= 90 ? v : null;
}

export class EventMap {
  constructor(el, onOpen) {
    this.onOpen = onOpen;
    const [z, lat, lon] = savedView() || [2, 15, 20];
    this.map = L.map(el, { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 14, keyboard: true })
      .setView([lat, lon], Math.min(14, Math.max(1, Math.round(z))));
    this.map.attributionControl.addAttribution('Outlines: Natural Earth (world-atlas)');
    this.map.createPane('bmLand').style.zIndex = '300'; // land fill under the basemap's water and lines
    this.landRenderer = L.canvas({ pane: 'bmLand' });
    this.basemap = new Basemap(this.map);
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      setState({ map: `${this.map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}` });
    });
    this.layer = L.layerGroup().addTo(this.map);
    this.map.on('moveend', () => this.render());
    this.points = [];
    this.off = [];
  }

  async outlines(url) {
    const topo = await (await fetch(url)).json();
    const land = feature(topo, topo.objects.countries);
    land.features = land.features.filter((f) => f.id !== '010').map(unwrap); // no Antarctica
    this.land = L.geoJSON(land, {
      style: { color: '#8a8f98', weight: 0.6, fillColor: '#eef0f2', fillOpacity: 1 },
      interactive: false, renderer: this.landRenderer,
    }).addTo(this.map);
    await this.basemap.start();
    if (this.basemap.tiles) this.land.setStyle({ fillOpacity: 0, color: '#5b6270' }); // the tiles show land
  }

  // events: the filtered list (objects with latitude/longitude/event_type/fatalities)
  setEvents(events) {
    const pts = [];
    this.off = [];
    for (const e of events) {
      if (e.latitude == null || e.longitude == null) { this.off.push(e); continue; }
      pts.push({ type: 'Feature', properties: e, geometry: { type: 'Point', coordinates: [e.longitude, e.latitude] } });
    }
    this.index = new Supercluster({
      radius: 50, maxZoom: 13,
      map: (p) => ({ dead: p.fatalities || 0, types: { [p.event_type || '']: 1 } }),
      reduce: (a, b) => { a.dead += b.dead; for (const k in b.types) a.types[k] = (a.types[k] || 0) + b.types[k]; },
    }).load(pts);
    this.points = pts;
    this.render();
  }

  // The events of the last setEvents that have no coordinates (in no view).
  unmapped() { return [...(this.off || [])]; }

  visible() {
    if (!this.index) return [];
    const b = this.map.getBounds();
    return this.points.filter((f) => b.contains([f.geometry.coordinates[1], f.geometry.coordinates[0]]))
      .map((f) => f.properties);
  }

  render() {
    this.layer.clearLayers();
    if (!this.index) return;
    const b = this.map.getBounds();
    const z = Math.round(this.map.getZoom());
    const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    for (const c of this.index.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())], z)) {
      const [lon, lat] = c.geometry.coordinates;
      const p = c.properties;
      if (p.cluster) {
        const top = Object.entries(p.types).sort((x, y) => y[1] - x[1])[0][0];
        const size = Math.round(Math.min(46, 20 + 4 * Math.log2(p.point_count) + Math.sqrt(p.dead) / 2));
        const icon = L.divIcon({
          className: 'cluster', iconSize: [size, size],
          html: `<span style="background:${colorOf(top)}">${p.point_count_abbreviated}</span>`,
        });
        const m = L.marker([lat, lon], { icon, keyboard: true, title: `${p.point_count} events, ${p.dead} killed; mostly ${top || 'unknown type'}` });
        m.on('click', () => this.map.flyTo([lat, lon], Math.min(this.index.getClusterExpansionZoom(p.cluster_id), 14), { duration: 0.3 }));
        this.layer.addLayer(m);
      } else {
        const m = L.circleMarker([lat, lon], {
          radius: radiusOf(p.fatalities), color: '#222', weight: 1, fillColor: colorOf(p.event_type), fillOpacity: 0.85,
        });
        m.bindTooltip(`${p.event_date || 'undated'} · ${p.event_type || ''} · ${p.location || ''}${p.fatalities ? ` · ${p.fatalities} killed` : ''}`);
        m.on('click', () => this.onOpen(p.event_id));
        this.layer.addLayer(m);
      }
    }
  }
}

// Rings that cross the antimeridian (Russia, Fiji…) jump from +180 to -180; continue them past ±180
// instead, so no stripe is drawn across the whole map.
function unwrap(f) {
  const ring = (r) => {
    let shift = 0;
    return r.map(([x, y], i) => {
      if (i) { const d = x + shift - (r[i - 1][0] + shift); if (d > 180) shift -= 360; else if (d < -180) shift += 360; }
      return [x + shift, y];
    });
  };
  const g = f.geometry;
  if (g.type === 'Polygon') g.coordinates = g.coordinates.map(ring);
  else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p) => p.map(ring));
  return f;
}
