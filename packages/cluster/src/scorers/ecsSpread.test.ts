import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { HOSTNAME } from '../scheduler/ClusterView.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { ecsSpread, ecsSpreadKey } from './ecsSpread.js';

const resources = new ResourceCatalog();
const container = (service: string | undefined) =>
  new Container(0, buildContainerSpec('c', containerTemplateSchema.parse({}), resources, new Map(), { service }), 0);
const host = (id: number, labels: Record<string, string>) =>
  new Host(id, `h${id}`, 'n', resources.fromRecord({ cpu: 4000, memory: 4096 }), 110, labels, [], 0);

describe('ecsSpread (ECS spread placement strategy)', () => {
  // h0 zone a: 2 web; h1 zone a: none; h2 zone b: 1 web and 1 api; h3 no zone: 1 web; h4 no zone: none.
  const hosts = [host(0, { zone: 'a' }), host(1, { zone: 'a' }), host(2, { zone: 'b' }), host(3, {}), host(4, {})];
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  for (const [h, service] of [
    [0, 'web'],
    [0, 'web'],
    [2, 'web'],
    [2, 'api'],
    [3, 'web'],
  ] as const) {
    cluster.bind(container(service), hosts[h]!);
  }
  const request = container('web');

  it.each([
    // zone a holds 2 web (h0, h1), zone b 1, the unlabelled hosts together 1 → [2, 2, 1, 1, 1]
    ['attribute:zone', [2, 2, 1, 1, 1]],
    // per host: 2, 0, 1 (api does not count), 1, 0
    ['instanceId', [2, 0, 1, 1, 0]],
    ['host', [2, 0, 1, 1, 0]],
  ])('%s → %o', (field, expected) => {
    const scorer = ecsSpread(field);
    const state = scorer.createState!();
    expect(scorer.prepare!(request, cluster, undefined, state)).toBe(true);
    expect(hosts.map((h) => scorer.score(request, h, cluster, state))).toEqual(expected);
  });

  it('normalises in reverse: the emptiest value scores 100', () => {
    const scores = Float64Array.from([2, 2, 1, 1, 0]);
    const scorer = ecsSpread('attribute:zone');
    scorer.normalize!(scores, 5, scorer.createState!());
    // 100 - trunc(100*s/2): 2 → 0, 1 → 50, 0 → 100
    expect(Array.from(scores)).toEqual([0, 0, 50, 50, 100]);
  });

  it('does not apply to a container without a service', () => {
    const scorer = ecsSpread('attribute:zone');
    expect(scorer.prepare!(container(undefined), cluster, undefined, scorer.createState!())).toBe(false);
  });

  it('maps fields to host labels and rejects anything else', () => {
    expect(ecsSpreadKey('attribute:ecs.availability-zone')).toBe('ecs.availability-zone');
    expect(ecsSpreadKey('instanceId')).toBe(HOSTNAME);
    expect(() => ecsSpread('zone')).toThrow(ConfigError);
    expect(() => ecsSpread('attribute:')).toThrow(/'instanceId', 'host' or 'attribute:<label>', got 'attribute:'/);
  });
});
