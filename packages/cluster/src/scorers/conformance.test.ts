import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import type { Scorer } from '../scheduler/Scorer.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { balancedAllocation } from './balancedAllocation.js';
import { leastAllocated } from './leastAllocated.js';
import { mostAllocated } from './mostAllocated.js';

// kube-scheduler's own test vectors: nodes n1 (4000m, 10000) and n2 (6000m, 10000) empty; pod (3000m, 5000).
const resources = new ResourceCatalog();
const node = (id: number, cpu: number, memory: number) =>
  new Host(id, `n${id + 1}`, 'n', resources.fromRecord({ cpu, memory }), 110, {}, [], 0);
const pod = new Container(
  0,
  buildContainerSpec(
    'p',
    containerTemplateSchema.parse({ requests: { cpu: '3000m', memory: '5000Mi' } }),
    resources,
    new Map(),
    {},
  ),
  0,
);

function scores(scorer: Scorer): number[] {
  const hosts = [node(0, 4000, 10000), node(1, 6000, 10000)];
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  const state = scorer.createState?.();
  scorer.prepare?.(pod, cluster, undefined, state);
  return hosts.map((h) => scorer.score(pod, h, cluster, state));
}

describe('kube-scheduler conformance vectors', () => {
  it('LeastAllocated: n1 37, n2 50', () => {
    // n1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 → (25+50)/2 = 37
    // n2: cpu (6000-3000)*100/6000 = 50, memory 50 → 50
    expect(scores(leastAllocated())).toEqual([37, 50]);
  });
  it('MostAllocated: n1 62, n2 50', () => {
    // n1: cpu 3000*100/4000 = 75, memory 50 → 62;  n2: 50, 50 → 50
    expect(scores(mostAllocated())).toEqual([62, 50]);
  });
  it('BalancedAllocation: n1 87, n2 100', () => {
    // n1: fractions 0.75, 0.5 → std |0.75-0.5|/2 = 0.125 → int(0.875*100) = 87;  n2: 0.5, 0.5 → 100
    expect(scores(balancedAllocation())).toEqual([87, 100]);
  });
});
