// Bundles the map page into src/dateline/serve/static/ (committed; served by `dateline serve`), or into
// the directory given as the first argument. No CDN at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
console.log(`built ${out}`);
