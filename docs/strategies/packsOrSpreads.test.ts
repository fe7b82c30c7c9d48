import { readFileSync } from 'node:fs';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { describe, expect, it } from 'vitest';

// The strategy pages say of each strategy and scorer whether it packs or spreads. Each claim is run
// here: 8 identical containers (1 cpu, 2 GiB) placed one at a time on 8 empty identical hosts (8 cpu,
// 16 GiB; each could take all 8). Packing puts them on few hosts (at most 3, allowing Nomad's sampling
// of ⌈log2 8⌉ = 3 random hosts); spreading on many (at least 6, allowing power of two choices' misses).
const page = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

function hostsUsed(scheduler: ScenarioInput['scheduler']): number {
  const sim = createSimulation({
    seed: 5,
    scheduler,
    hosts: [{ group: 'h', count: 8, capacity: { cpu: '8', memory: '16Gi' } }],
    containers: Array.from({ length: 8 }, (_, i) => ({ name: `c${i}`, requests: { cpu: '1', memory: '2Gi' } })),
  }).run('1s');
  return Object.values(sim.snapshot().hosts).filter((h) => h.containers.length > 0).length;
}

/** Rows of a markdown table whose first cell is one backticked name, with the cell of column `column`. */
function claims(markdown: string, header: string, column: number): Array<[string, string]> {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|') && l.includes(header));
  const out: Array<[string, string]> = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name !== undefined) out.push([name, cells[column + 1] ?? '']);
  }
  return out;
}

const verdict = (claim: string): 'packs' | 'spreads' | null =>
  /^bin-pack(?! by)/.test(claim) || /^packs/.test(claim)
    ? 'packs'
    : /^spread(?! zones)/.test(claim) || /^spreads/.test(claim)
      ? 'spreads'
      : null;

describe('strategy pages: what each strategy does to a cluster', () => {
  const strategies = claims(page('README.md'), 'bin-pack or spread', 2).filter(([, c]) => verdict(c) !== null);
  it('finds the claims', () => {
    expect(strategies.length).toBeGreaterThan(15);
  });
  it.each(strategies)('%s: %s', (strategy, claim) => {
    const used = hostsUsed({ strategy });
    if (verdict(claim) === 'packs') expect(used).toBeLessThanOrEqual(3);
    else expect(used).toBeGreaterThanOrEqual(6);
  });
});

describe('research scorers: what each does under a scored strategy', () => {
  const scorers = claims(page('research.md'), 'tends to', 3).filter(([, c]) => verdict(c) !== null);
  it('finds the dot products', () => {
    expect(scorers.map(([n]) => n)).toEqual(expect.arrayContaining(['DotProductAlignment', 'DotProductPacking']));
  });
  it.each(scorers.filter(([name]) => /^[A-Z]/.test(name)))('%s: %s', (name, claim) => {
    const used = hostsUsed({ strategy: 'least-allocated', scorers: [{ name }] });
    if (verdict(claim) === 'packs') expect(used).toBeLessThanOrEqual(3);
    else expect(used).toBeGreaterThanOrEqual(6);
  });
});
