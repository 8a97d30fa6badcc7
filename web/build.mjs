// Bundles the map page into src/dateline/serve/static/ (committed; served by `dateline serve`), or into
// the directory given as the first argument. No CDN at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBasemap } from './basemap-data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, '..', 'src', 'dateline', 'serve', 'static');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: join(here, 'src', 'main.js') },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['es2020'],
  outdir: out,
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
// Natural Earth 1:50m admin-0 outlines as TopoJSON (world-atlas@2, ISC; data public domain).
copyFileSync(join(here, 'node_modules', 'world-atlas', 'countries-50m.json'), join(out, 'countries.json'));
// Basemap layers (admin-1, rivers, lakes, coastlines), simplified here: see basemap-data.mjs.
mkdirSync(join(out, 'basemap'), { recursive: true });
buildBasemap(join(here, 'node_modules'), join(out, 'basemap'));
// /docs: Swagger UI from swagger-ui-dist (Apache-2.0), served by the app itself: no CDN, no inline script.
const swagger = join(here, 'node_modules', 'swagger-ui-dist');
mkdirSync(join(out, 'docs'), { recursive: true });
for (const name of ['swagger-ui-bundle.js', 'swagger-ui-bundle.js.LICENSE.txt', 'swagger-ui.css', 'LICENSE']) {
  copyFileSync(join(swagger, name), join(out, 'docs', name));
}
copyFileSync(join(here, 'src', 'docs.html'), join(out, 'docs', 'index.html'));
copyFileSync(join(here, 'src', 'docs.js'), join(out, 'docs', 'init.js'));
console.log(`built ${out}`);
