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
import { nomadBinpack } from './nomadBinpack.js';
import { nomadSpread } from './nomadSpread.js';

const resources = new ResourceCatalog();
const container = (requests: Record<string, number>) =>
  new Container(
    0,
    buildContainerSpec(
      'c',
      containerTemplateSchema.parse({ requests: formatResources(requests) }),
      resources,
      new Map(),
      {},
    ),
    0,
  );

/** Raw and normalised score of `request` on a 1000m / 1000 MiB host that already holds `used`. */
function score(scorer: Scorer, used: Record<string, number>, request: Record<string, number>): [number, number] {
  const host = new Host(0, 'h', 'h', resources.fromRecord({ cpu: 1000, memory: 1000 }), 110, {}, [], 0);
  const cluster = new ClusterState([host], resources, createRandom(1).stream('s'));
  cluster.bind(container(used), host);
  const raw = scorer.score(container(request), host, cluster, undefined);
  const scores = Float64Array.of(raw);
  scorer.normalize!(scores, 1, undefined);
  return [raw, scores[0]!];
}

// Every row: [used, request, raw binpack, raw spread]. Normalised = raw / 18 * 100.
const rows: Array<[Record<string, number>, Record<string, number>, number, number]> = [
  // Empty host, nothing requested: free 1, 1 → 10 + 10 = 20; binpack 20-20 = 0; spread 20-2 = 18 (clamped at 18)
  [{}, {}, 0, 18],
  // Request fills the host: free 0, 0 → 1 + 1 = 2; binpack 20-2 = 18; spread 2-2 = 0
  [{}, { cpu: 1000, memory: 1000 }, 18, 0],
  // Half free after placement: 2·10^0.5 = 6.3246; binpack 13.6754; spread 4.3246
  [{ cpu: 250, memory: 250 }, { cpu: 250, memory: 250 }, 20 - 2 * Math.sqrt(10), 2 * Math.sqrt(10) - 2],
  // cpu full, memory empty: 10^0 + 10^1 = 11; binpack 9; spread 9
  [{ cpu: 1000 }, {}, 9, 9],
  // 10% free each: 2·10^0.1 = 2.5179; binpack 17.4821; spread 0.5179
  [{ cpu: 800, memory: 800 }, { cpu: 100, memory: 100 }, 20 - 2 * 10 ** 0.1, 2 * 10 ** 0.1 - 2],
];

describe('Nomad fit scores (nomad/structs/funcs.go ScoreFitBinPack / ScoreFitSpread)', () => {
  it.each(rows)('used %o + request %o → binpack %d', (used, request, binpack) => {
    const [raw, normalized] = score(nomadBinpack(), used, request);
    expect(raw).toBeCloseTo(binpack, 10);
    expect(normalized).toBeCloseTo((binpack / 18) * 100, 10);
  });

  it.each(rows)('used %o + request %o → spread %#', (used, request, _binpack, spread) => {
    const [raw, normalized] = score(nomadSpread(), used, request);
    expect(raw).toBeCloseTo(spread, 10);
    expect(normalized).toBeCloseTo((spread / 18) * 100, 10);
  });

  it('matches the reference vector: half free gives 13.675, normalised 0.760 of the maximum', () => {
    const [raw, normalized] = score(nomadBinpack(), { cpu: 250, memory: 250 }, { cpu: 250, memory: 250 });
    expect(raw.toFixed(3)).toBe('13.675');
    // 13.6754 / 18 = 0.75975 → 75.975 on the 0..100 scale, kept as a float
    expect(normalized.toFixed(3)).toBe('75.975');
  });

  it('treats a resource with no capacity as fully used', () => {
    const host = new Host(0, 'h', 'h', resources.fromRecord({ cpu: 1000, memory: 0 }), 110, {}, [], 0);
    const cluster = new ClusterState([host], resources, createRandom(1).stream('s'));
    // cpu free 1, memory free 0: 10 + 1 = 11 → binpack 9
    expect(nomadBinpack().score(container({}), host, cluster, undefined)).toBe(9);
  });
});
