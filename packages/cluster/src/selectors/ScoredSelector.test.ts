import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { defaultFilters } from '../filters/defaultFilters.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { Scheduler } from '../scheduler/Scheduler.js';
import type { WeightedScorer } from '../scheduler/Scorer.js';
import { allHosts } from '../scheduler/sampling/CandidateSampler.js';
import { mostAllocated } from '../scorers/mostAllocated.js';
import { podTopologySpreadScore } from '../scorers/podTopologySpreadScore.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { ScoredSelector } from './ScoredSelector.js';

const resources = new ResourceCatalog();

/** Places `replicas` web containers (500m, 512 MiB) on four equal hosts in zones a, a, b, b; returns replicas per host. */
function place(scorers: WeightedScorer[], replicas: number, seed: number): number[] {
  const hosts = ['a', 'a', 'b', 'b'].map(
    (zone, i) => new Host(i, `h${i}`, 'h', resources.fromRecord({ cpu: 4000, memory: 8192 }), 110, { zone }, [], 0),
  );
  const cluster = new ClusterState(hosts, resources, createRandom(seed).stream('scheduler'));
  const selector = new ScoredSelector('test', scorers, allHosts());
  const scheduler = new Scheduler({ name: 'test', filters: defaultFilters(), selector, preemption: false }, cluster);
  const template = containerTemplateSchema.parse({ requests: { cpu: '500m', memory: '512Mi' } });
  for (let i = 0; i < replicas; i++) {
    const c = new Container(i, buildContainerSpec(`web-${i}`, template, resources, new Map(), { service: 'web' }), 0);
    const host = scheduler.place(c).host!;
    cluster.bind(c, host);
    scheduler.hostChanged(host);
  }
  return hosts.map((h) => h.serviceCount('web'));
}

describe('ScoredSelector with PodTopologySpread', () => {
  it('MostAllocated alone stacks every replica on one host', () => {
    // after the first (random) pick, the used host scores cpu 25, memory 12 → 18 against 9 elsewhere
    for (const seed of [1, 2, 3])
      expect(place([{ scorer: mostAllocated(), weight: 1 }], 4, seed).sort()).toEqual([0, 0, 0, 4]);
  });

  it("the system default constraints (weight 2) outweigh MostAllocated's pull and spread one replica per host", () => {
    // Second replica, h0 holding one: spread raw h0 round(ln 6 + 2 + ln 4 + 4) = 9, h1 round(2 + ln 4 + 4) = 7,
    // h2, h3 6 → normalised 66, 88, 100, 100 → ×2 = 132, 176, 200, 200; MostAllocated 18, 9, 9, 9
    // → totals 150, 185, 209, 209: the other zone. Third: raw 9, 7, 9, 7 → 77, 100, 77, 100 → the empty hosts win.
    for (const seed of [1, 2, 3]) {
      const counts = place(
        [
          { scorer: podTopologySpreadScore(), weight: 2 },
          { scorer: mostAllocated(), weight: 1 },
        ],
        4,
        seed,
      );
      expect(counts).toEqual([1, 1, 1, 1]);
    }
  });
});
