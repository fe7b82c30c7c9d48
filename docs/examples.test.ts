import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { listExamples, missingExampleInputs, orphanedOutputs } from './tools/listExamples.js';
import { runExample } from './tools/runExample.js';

// Every example in docs/examples runs as a reader would run it, and must print exactly its saved output.
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = fileURLToPath(new URL('./examples', import.meta.url));
const UPDATE_HINT = 'If the change is intended, run `pnpm run docs:update` and review the diff.';

describe.concurrent('docs/examples', () => {
  for (const example of listExamples(dir)) {
    test(`${example.name}.ts prints ${example.name}.expected.txt`, async ({ expect, skip }) => {
      // An example of a real trace kept beside the repository cannot run without it.
      if (missingExampleInputs(example, root).length > 0) skip();
      const run = await runExample(example.file, root);
      expect(run.code, `${example.name}.ts exited with code ${run.code}:\n${run.stderr}`).toBe(0);
      expect(run.stderr, `${example.name}.ts wrote to stderr`).toBe('');
      expect(
        existsSync(example.expectedFile),
        `${example.name}.expected.txt is missing. Run \`pnpm run docs:update ${example.name}\` to create it.`,
      ).toBe(true);
      const saved = readFileSync(example.expectedFile, 'utf8');
      expect(run.stdout, `${example.name}.ts printed something else than its saved output. ${UPDATE_HINT}`).toBe(saved);
      // Each example takes seconds alone; the budget covers a loaded two-core machine running the suite beside it.
    }, 300_000);
  }

  test('every saved output belongs to an example', ({ expect }) => {
    expect(orphanedOutputs(dir), `saved outputs without an example; ${UPDATE_HINT}`).toEqual([]);
  });
});
