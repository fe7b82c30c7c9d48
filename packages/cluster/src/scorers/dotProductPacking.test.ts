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
import { dotProductPacking } from './dotProductPacking.js';

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

describe('DotProductPacking (the FGD paper DotProd): Σ w_r (req_r/max_r)(free_r/max_r), smallest wins', () => {
  it('prefers the host with the least free where the container is large', () => {
    // request 1000m, 4096 MiB; the largest capacities are 4000m and 8192 MiB (every host here):
    // h0: 0.25·1 + 0.5·1 = 0.75;  h1: 0.25·0.25 + 0.5·1 = 0.5625;  h2: 0.25·1 + 0.5·0.25 = 0.375
    // reversed: 100 − trunc(100·raw/0.75) = 0, 100 − 75 = 25, 100 − 50 = 50: h2 (least memory free) wins
    const got = scores(dotProductPacking(), { cpu: 1000, memory: 4096 }, HOSTS);
    expect(got.raw).toEqual([0.75, 0.5625, 0.375]);
    expect(got.out).toEqual([0, 25, 50]);
  });

  it('divides by the cluster largest capacity, not the host own: a big empty host is not a tight fit', () => {
    // h0 4000m/8192 MiB empty; h1 16000m/32768 MiB empty. Largest: 16000, 32768.
    // request 1000m, 2048 MiB → 1/16 and 1/16 of the largest.
    // h0: (1/16)(4000/16000) + (1/16)(8192/32768) = 1/32;  h1: (1/16)·1 + (1/16)·1 = 1/8
    // reversed: h0 100 − trunc(100·(1/32)/(1/8)) = 75; h1 0
    const hosts: Array<[Amounts, Amounts]> = [
      [CAP, {}],
      [{ cpu: 16000, memory: 32768 }, {}],
    ];
    expect(scores(dotProductPacking(), { cpu: 1000, memory: 2048 }, hosts).out).toEqual([75, 0]);
  });
});
