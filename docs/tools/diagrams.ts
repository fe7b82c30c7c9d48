import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Graphviz } from '@hpcc-js/wasm-graphviz';

/** Every Graphviz source (`*.dot`) under `dir`, sorted by path. */
export function listDiagrams(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listDiagrams(path));
    else if (entry.name.endsWith('.dot')) out.push(path);
  }
  return out.sort();
}

/** Renders a Graphviz source to SVG with the Graphviz build from npm (the same output on every machine). */
export async function renderDiagram(dot: string): Promise<string> {
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}
