// Renders every plot of the docs (`docs/plots/<name>.ts`) to `docs/lessons/img/<name>.svg`:
// `pnpm run docs:plots [name ...]` (no names: every plot). docs/tools/plots.test.ts checks that the
// committed SVGs are current.
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPlots, loadPlot, renderPlot } from './plots.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const all = listPlots(docs);
const unknown = wanted.filter((name) => !all.some((plot) => plot.name === name));
if (unknown.length > 0) {
  console.error(`No such plot: ${unknown.join(', ')}. Plots: ${all.map((p) => p.name).join(', ')}.`);
  process.exit(2);
}
for (const plot of wanted.length === 0 ? all : all.filter((p) => wanted.includes(p.name))) {
  writeFileSync(plot.svg, await renderPlot(await loadPlot(plot)));
  console.log(`✔ wrote ${relative(join(docs, '..'), plot.svg)}`);
}
