import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { SCORERS } from './scorerCatalog.js';

describe('SCORERS', () => {
  it('builds each scorer under the name it is listed by, fresh each time', () => {
    const shape = [{ utilization: 0, score: 10 }];
    for (const [name, factory] of Object.entries(SCORERS)) {
      const a = factory(undefined, undefined, name === 'RequestedToCapacityRatio' ? shape : undefined);
      expect(a.name).toBe(name);
      expect(factory(undefined, undefined, name === 'RequestedToCapacityRatio' ? shape : undefined)).not.toBe(a);
    }
  });

  it('refuses to build RequestedToCapacityRatio without a shape', () => {
    expect(() => SCORERS.RequestedToCapacityRatio!(undefined)).toThrow(/needs a shape/);
  });

  it("gives ImageLocality the scenario catalog's sizes", () => {
    // 500 MiB on the only host: 100 × (500 − 23)/977 = 48.8 → 48
    const resources = new ResourceCatalog();
    const host = new Host(0, 'h', 'h', resources.fromRecord({ cpu: 1000, memory: 1024 }), 110, {}, [], 0);
    host.images.set('app', 0);
    const cluster = new ClusterState([host], resources, createRandom(1).stream('s'));
    const template = containerTemplateSchema.parse({ image: 'app' });
    const pod = new Container(0, buildContainerSpec('p', template, resources, new Map(), {}), 0);
    const scorer = SCORERS.ImageLocality!(undefined, new Map([['app', { pullTime: 0, size: 500 }]]));
    const state = scorer.createState?.();
    expect(scorer.prepare?.(pod, cluster, undefined, state)).toBe(true);
    expect(scorer.score(pod, host, cluster, state)).toBe(48);
  });
});
