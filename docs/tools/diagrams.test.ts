import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listDiagrams, renderDiagram } from './diagrams.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('docs diagrams', () => {
  const diagrams = listDiagrams(docs);

  it('finds the diagrams', () => {
    expect(diagrams.map((d) => relative(docs, d))).toContain('concepts/architecture.dot');
  });

  for (const dot of diagrams) {
    it(`${relative(docs, dot)} is rendered to its committed SVG (run pnpm run docs:diagrams)`, async () => {
      const svg = readFileSync(dot.replace(/\.dot$/, '.svg'), 'utf8');
      expect(await renderDiagram(readFileSync(dot, 'utf8'))).toBe(svg);
    });
  }
});
