import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { fewestContainers } from './fewestContainers.js';
import { fewestServiceTasks } from './fewestServiceTasks.js';

const resources = new ResourceCatalog();
const container = (service: string | undefined) =>
  new Container(0, buildContainerSpec('c', containerTemplateSchema.parse({}), resources, new Map(), { service }), 0);

describe('SwarmKit task counts (fewestServiceTasks, fewestContainers)', () => {
  // h0: 1 web + 2 without service; h1: 2 web; h2: empty.
  const hosts = [0, 1, 2].map(
    (id) => new Host(id, `h${id}`, 'n', resources.fromRecord({ cpu: 4000, memory: 4096 }), 110, {}, [], 0),
  );
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  for (const [h, service] of [
    [0, 'web'],
    [0, undefined],
    [0, undefined],
    [1, 'web'],
    [1, 'web'],
  ] as const) {
    cluster.bind(container(service), hosts[h]!);
  }
  const request = container('web');

  it.each([
    // raw counts of web: 1, 2, 0; reverse normalised 100 - trunc(100*s/2): 50, 0, 100
    ['FewestServiceTasks', fewestServiceTasks(), [1, 2, 0], [50, 0, 100]],
    // raw counts of all containers: 3, 2, 0; 100 - trunc(100*s/3): 3 → 0, 2 → 100-66 = 34, 0 → 100
    ['FewestContainers', fewestContainers(), [3, 2, 0], [0, 34, 100]],
  ] as const)('%s: raw %o, normalised %o', (_name, scorer, raw, normalized) => {
    expect(scorer.createState).toBeUndefined();
    expect(scorer.prepare?.(request, cluster, undefined, undefined) ?? true).toBe(true);
    const scores = Float64Array.from(hosts.map((h) => scorer.score(request, h, cluster, undefined)));
    expect(Array.from(scores)).toEqual(raw);
    scorer.normalize!(scores, 3, undefined);
    expect(Array.from(scores)).toEqual(normalized);
  });

  it('FewestServiceTasks does not apply to a container without a service', () => {
    expect(fewestServiceTasks().prepare!(container(undefined), cluster, undefined, undefined)).toBe(false);
  });
});
