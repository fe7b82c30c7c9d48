import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { swarmWeight } from './swarmWeight.js';

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

/** Raw Swarm weight of `request` on a host of `capacity` that already holds `used`. */
function weight(capacity: Record<string, number>, used: Record<string, number>, request: Record<string, number>) {
  const host = new Host(0, 'h', 'h', resources.fromRecord(capacity), 110, {}, [], 0);
  const cluster = new ClusterState([host], resources, createRandom(1).stream('s'));
  cluster.bind(container(used), host);
  return swarmWeight().score(container(request), host, cluster, undefined);
}

describe('swarmWeight (classicswarm weighNodes)', () => {
  it.each([
    // The reference example: 4 CPU / 8 GiB, used 1 CPU / 2 GiB, request 1 CPU / 2 GiB:
    // cpu (1000+1000)*100/4000 = 50, memory (2048+2048)*100/8192 = 50 → 100
    [{ cpu: 4000, memory: 8192 }, { cpu: 1000, memory: 2048 }, { cpu: 1000, memory: 2048 }, 100],
    // Integer division truncates: cpu 1000*100/3000 = 33, memory 300*100/1000 = 30 → 63
    [{ cpu: 3000, memory: 1000 }, {}, { cpu: 1000, memory: 300 }, 63],
    // No cpu request: cpuScore is 100 whatever the load; memory (512+0)*100/1024 = 50 → 150
    [{ cpu: 4000, memory: 1024 }, { cpu: 3000 }, { memory: 512 }, 150],
    // No request at all: 100 + 100 = 200 on every host
    [{ cpu: 4000, memory: 1024 }, {}, {}, 200],
    // Filling the host exactly: (3000+1000)*100/4000 = 100, (768+256)*100/1024 = 100 → 200
    [{ cpu: 4000, memory: 1024 }, { cpu: 3000, memory: 768 }, { cpu: 1000, memory: 256 }, 200],
    // Memory counted in bytes, ratio unchanged: (0.5+0.5) MiB of 3 MiB → 1048576*100/3145728 = 33;
    // cpu (0+1)*100/4000 = 0 (truncated) → 33
    [{ cpu: 4000, memory: 3 }, { memory: 0.5 }, { cpu: 1, memory: 0.5 }, 33],
  ])('capacity %o, used %o, request %o → %d', (capacity, used, request, expected) => {
    expect(weight(capacity, used, request)).toBe(expected);
  });

  it('normalises to 0..100 as trunc(raw / 2), fuller hosts higher', () => {
    const scores = Float64Array.from([100, 63, 200, 1, 0]);
    swarmWeight().normalize!(scores, 5, undefined);
    // 100/2 = 50, 63/2 = 31.5 → 31, 200/2 = 100, 1/2 → 0, 0 → 0
    expect(Array.from(scores)).toEqual([50, 31, 100, 0, 0]);
  });
});
