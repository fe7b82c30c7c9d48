import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import type { Scorer } from '../scheduler/Scorer.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { dotProduct } from './dotProduct.js';

const resources = new ResourceCatalog();
type Amounts = Record<string, number>;

function scores(scorer: Scorer, requests: Amounts, hosts: Array<[Amounts, Amounts]>): { raw: number[]; out: number[] } {
  const all = hosts.map(([cap, alloc], i) => {
    const h = new Host(i, `h${i}`, 'h', resources.fromRecord(cap), 110, {}, [], 0);
    h.bind(resources.fromRecord(alloc), resources.fromRecord(alloc), undefined);
    return h;
  });
  const spec = buildContainerSpec(
    'p',
    containerTemplateSchema.parse({ requests: formatResources(requests) }),
    resources,
    new Map(),
    {},
  );
  const pod = new Container(0, spec, 0);
  const cluster = new ClusterState(all, resources, createRandom(1).stream('s'));
  const state = scorer.createState?.();
  expect(scorer.prepare?.(pod, cluster, undefined, state) ?? true).toBe(true);
  const s = Float64Array.from(all, (h) => scorer.score(pod, h, cluster, state));
  const raw = Array.from(s);
  scorer.normalize?.(s, s.length, state);
  return { raw, out: Array.from(s) };
}

const CAP = { cpu: 4000, memory: 8192 };
// h0 empty; h1 with 3000m cpu taken; h2 with 6144 MiB memory taken.
const HOSTS: Array<[Amounts, Amounts]> = [
  [CAP, {}],
  [CAP, { cpu: 3000 }],
  [CAP, { memory: 6144 }],
];

describe('DotProduct (Tetris alignment): Σ w_r (req_r/cap_r)(free_r/cap_r), scaled so the best is 100', () => {
  it('prefers the host whose free resources match the demand', () => {
    // request 1000m, 4096 MiB: demand fractions 0.25, 0.5
    // h0: 0.25·1 + 0.5·1 = 0.75;  h1: 0.25·0.25 + 0.5·1 = 0.5625;  h2: 0.25·1 + 0.5·0.25 = 0.375
    // normalised: 100, 100·0.5625/0.75 = 75, 100·0.375/0.75 = 50
    const got = scores(dotProduct(), { cpu: 1000, memory: 4096 }, HOSTS);
    expect(got.raw).toEqual([0.75, 0.5625, 0.375]);
    expect(got.out).toEqual([100, 75, 50]);
  });

  it('weights resources', () => {
    // {cpu:3, memory:1}: h0 0.75 + 0.5 = 1.25; h1 0.1875 + 0.5 = 0.6875; h2 0.75 + 0.125 = 0.875
    // normalised: 100, 100·0.6875/1.25 = 55, 100·0.875/1.25 = 70
    const spec = [
      { name: 'cpu', weight: 3 },
      { name: 'memory', weight: 1 },
    ];
    expect(scores(dotProduct(spec), { cpu: 1000, memory: 4096 }, HOSTS).out).toEqual([100, 55, 70]);
  });

  it('compares hosts of different shapes', () => {
    // request 1000m, 2048 MiB. h0 2000m/16384 MiB: 0.5·1 + 0.125·1 = 0.625; h1 8000m/4096 MiB: 0.125 + 0.5 = 0.625;
    // h2 4000m/8192 MiB with 3000m and 4096 MiB taken: 0.25·0.25 + 0.25·0.5 = 0.1875 → 100·0.1875/0.625 = 30
    const hosts: Array<[Amounts, Amounts]> = [
      [{ cpu: 2000, memory: 16384 }, {}],
      [{ cpu: 8000, memory: 4096 }, {}],
      [CAP, { cpu: 3000, memory: 4096 }],
    ];
    expect(scores(dotProduct(), { cpu: 1000, memory: 2048 }, hosts).out).toEqual([100, 100, 30]);
  });

  it('gives every host 0 for a container that requests nothing', () => {
    expect(scores(dotProduct(), { cpu: 0, memory: 0 }, HOSTS).out).toEqual([0, 0, 0]);
  });
});
