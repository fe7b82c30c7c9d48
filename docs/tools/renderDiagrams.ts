// Renders every Graphviz diagram of the docs (`docs/**/*.dot`) to an SVG beside it:
// `pnpm run docs:diagrams`. docs/tools/diagrams.test.ts checks that the committed SVGs are current.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listDiagrams, renderDiagram } from './diagrams.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const dot of listDiagrams(docs)) {
  const svg = await renderDiagram(readFileSync(dot, 'utf8'));
  const target = dot.replace(/\.dot$/, '.svg');
  writeFileSync(target, svg);
  console.log(`✔ wrote ${relative(join(docs, '..'), target)}`);
}
