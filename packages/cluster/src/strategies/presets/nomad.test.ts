import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../scenario/scenarioSchema.js';
import { createSimulation } from '../../simulation/Simulation.js';
import { PRESETS } from './presetCatalog.js';

const strategies = PRESETS;
const names = (n: number) => Array.from({ length: n }, (_, i) => `web-${i}`);

const scenario = (strategy: string, hosts: number, replicas: number, sampling?: 'all'): ScenarioInput => ({
  seed: 11,
  scheduler: sampling === undefined ? { strategy } : { strategy, sampling },
  hosts: [{ group: 'node', count: hosts, capacity: { cpu: '4', memory: '8Gi' } }],
  services: { web: { replicas, template: { requests: { cpu: '1', memory: '2Gi' } } } },
});

function used(input: ScenarioInput, replicas: number): Map<string, number> {
  const sim = createSimulation(input, { strategies }).run('1s');
  const counts = new Map<string, number>();
  for (const n of names(replicas)) {
    const host = sim.container(n)?.host?.name;
    if (host !== undefined) counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return counts;
}

describe('Nomad presets', () => {
  it('nomad-binpack packs: with every host a candidate, 8 tasks fill 2 of 6 hosts', () => {
    // 4 tasks of 1 cpu / 2Gi fill a 4 cpu / 8Gi host; the fullest feasible host always scores highest.
    expect([...used(scenario('nomad-binpack', 6, 8, 'all'), 8).values()]).toEqual([4, 4]);
  });

  it('nomad-binpack packs on two hosts with the default log2 limit (both are candidates)', () => {
    // max(2, ceil(log2 2)) = 2: both hosts are ranked every time.
    expect([...used(scenario('nomad-binpack', 2, 4), 4).values()]).toEqual([4]);
  });

  it('nomad-spread spreads: 4 tasks on 4 hosts', () => {
    expect(used(scenario('nomad-spread', 4, 4, 'all'), 4).size).toBe(4);
  });

  it('ranks max(2, ceil(log2 N)) feasible hosts: 3 of 8', () => {
    const sim = createSimulation(scenario('nomad-binpack', 8, 1), { strategies, explain: ['web-0'] }).run('1s');
    const decision = sim.decisions('web-0')[0]!;
    const ranked = decision.hosts.filter((h) => h.rejectedBy === null);
    expect(ranked).toHaveLength(3);
    // Empty hosts: free cpu 3/4, memory 6/8 after placement → 20 - 2·10^0.75 = 8.7537 → /18·100 = 48.63
    for (const h of ranked) expect(h.scores.NomadBinpack?.raw).toBeCloseTo(20 - 2 * 10 ** 0.75, 10);
    expect(decision.strategy).toBe('nomad-binpack');
  });
});
