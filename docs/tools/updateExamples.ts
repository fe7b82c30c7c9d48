// Regenerates docs/examples/<name>.expected.txt from what each example prints now.
// Usage: pnpm run docs:update [name ...]   (no names: every example)
// Review the resulting diff before committing: the saved output is what the tests hold the docs to.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listExamples, orphanedOutputs } from './listExamples.js';
import { runExample } from './runExample.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = fileURLToPath(new URL('../examples', import.meta.url));
const wanted = process.argv.slice(2);
const all = listExamples(dir);
const unknown = wanted.filter((name) => !all.some((example) => example.name === name));
if (unknown.length > 0) {
  console.error(`No such example: ${unknown.join(', ')}. Examples: ${all.map((e) => e.name).join(', ')}.`);
  process.exit(2);
}
const chosen = wanted.length === 0 ? all : all.filter((example) => wanted.includes(example.name));

let failed = 0;
const runs = await Promise.all(chosen.map(async (example) => ({ example, run: await runExample(example.file, root) })));
for (const { example, run } of runs) {
  if (run.code !== 0 || run.stderr !== '') {
    failed += 1;
    console.error(`✖ ${example.name}: exit code ${run.code}; its saved output is left unchanged.\n${run.stderr}`);
    continue;
  }
  const before = existsSync(example.expectedFile) ? readFileSync(example.expectedFile, 'utf8') : undefined;
  if (before === run.stdout) {
    console.log(`  ${example.name}: unchanged`);
    continue;
  }
  writeFileSync(example.expectedFile, run.stdout);
  console.log(`✔ ${example.name}: ${before === undefined ? 'created' : 'updated'}`);
}
if (wanted.length === 0) {
  for (const orphan of orphanedOutputs(dir)) {
    unlinkSync(join(dir, orphan));
    console.log(`✔ ${orphan}: removed (its example no longer exists)`);
  }
}
process.exit(failed === 0 ? 0 : 1);
