import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { type EcsBinpackField, ecsBinpack } from './ecsBinpack.js';

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

describe('ecsBinpack (ECS binpack placement strategy)', () => {
  // Hosts: a 4000m / 4096 MiB holding 1000m / 1024 MiB; b 2000m / 2048 MiB empty. Request 500m / 512 MiB.
  const hosts = [
    new Host(0, 'a', 'n', resources.fromRecord({ cpu: 4000, memory: 4096 }), 110, {}, [], 0),
    new Host(1, 'b', 'n', resources.fromRecord({ cpu: 2000, memory: 2048 }), 110, {}, [], 0),
  ];
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  cluster.bind(container({ cpu: 1000, memory: 1024 }), hosts[0]!);
  const request = container({ cpu: 500, memory: 512 });

  it.each<[EcsBinpackField, number[], number[]]>([
    // memory left: a 4096-1024-512 = 2560, b 2048-512 = 1536;
    // reverse normalise: a 100 - 100*2560/2560 = 0, b 100 - trunc(100*1536/2560 = 60) = 40
    ['memory', [2560, 1536], [0, 40]],
    // cpu left: a 4000-1000-500 = 2500, b 2000-500 = 1500; b 100 - 60 = 40
    ['cpu', [2500, 1500], [0, 40]],
  ])('%s: raw %o, normalised %o', (field, raw, normalized) => {
    const scorer = ecsBinpack(field);
    const state = scorer.createState!();
    expect(scorer.prepare!(request, cluster, undefined, state)).toBe(true);
    const scores = Float64Array.from(hosts.map((h) => scorer.score(request, h, cluster, state)));
    expect(Array.from(scores)).toEqual(raw);
    scorer.normalize!(scores, 2, state);
    expect(Array.from(scores)).toEqual(normalized);
  });

  it('rejects fields ECS cannot bin-pack on', () => {
    expect(() => ecsBinpack('gpu' as EcsBinpackField)).toThrow(ConfigError);
    expect(() => ecsBinpack('gpu' as EcsBinpackField)).toThrow(/'cpu' or 'memory', got 'gpu'/);
  });
});
