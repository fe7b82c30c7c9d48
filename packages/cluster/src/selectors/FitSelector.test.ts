import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { defaultFilters } from '../filters/defaultFilters.js';
import { Host } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { Scheduler } from '../scheduler/Scheduler.js';
import type { Selector } from '../scheduler/Selector.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { bestFit, FitSelector, firstFit, roundRobin, worstFit } from './FitSelector.js';

const resources = new ResourceCatalog();

// Hosts (cpu, memory): h0 2000/4096, h1 4000/4096, h2 1000/1024, h3 4000/16384.
function setup(selector: Selector): { scheduler: Scheduler; place: (cpu: number, memory: number) => string | null } {
  const hosts = [
    [2000, 4096],
    [4000, 4096],
    [1000, 1024],
    [4000, 16384],
  ].map(
    ([cpu, memory], i) =>
      new Host(i, `h${i}`, 'h', resources.fromRecord({ cpu: cpu!, memory: memory! }), 110, {}, [], 0),
  );
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  const scheduler = new Scheduler(
    { name: selector.name, filters: defaultFilters(), selector, preemption: false },
    cluster,
  );
  let id = 0;
  return {
    scheduler,
    place(cpu, memory) {
      const template = containerTemplateSchema.parse({ requests: formatResources({ cpu, memory }) });
      const c = new Container(id, buildContainerSpec(`c${id++}`, template, resources, new Map(), {}), 0);
      const host = scheduler.place(c).host;
      if (host !== null) {
        cluster.bind(c, host);
        scheduler.hostChanged(host);
      }
      return host?.name ?? null;
    },
  };
}

describe('FitSelector examples', () => {
  it.each([
    // first fit: h0 is the first with 1000m and 1024 MiB free
    { row: 'first fit', selector: firstFit(), want: 'h0' },
    // leftover Σ (free − req)/cap: h0 0.5 + 0.75 = 1.25; h1 0.75 + 0.75 = 1.5; h2 0 + 0 = 0; h3 0.75 + 0.9375 = 1.6875
    { row: 'best fit', selector: bestFit(), want: 'h2' },
    { row: 'worst fit', selector: worstFit(), want: 'h3' },
    // weights {cpu: 1, memory: 0}: h0 0.5, h1 0.75, h2 0, h3 0.75 → worst is h1 (tie with h3 goes to the earlier host)
    { row: 'worst fit on cpu only', selector: worstFit({ memory: 0 }), want: 'h1' },
  ])('$row places 1000m/1024 MiB on $want', ({ selector, want }) => {
    expect(setup(selector).place(1000, 1024)).toBe(want);
  });

  it('round robin starts after the previous choice and wraps', () => {
    const { place } = setup(roundRobin());
    // 1500m fits h0, h1, h3: h0, then h1, then h3, then (h0 has 500m left) h1 again
    expect([place(1500, 100), place(1500, 100), place(1500, 100), place(1500, 100)]).toEqual(['h0', 'h1', 'h3', 'h1']);
  });

  it('returns null when nothing fits', () => {
    expect(setup(firstFit()).place(5000, 1)).toBeNull();
  });

  it('records every feasible host with its leftover measure when explaining', () => {
    const { scheduler } = setup(bestFit());
    const template = containerTemplateSchema.parse({ requests: { cpu: '1000m', memory: '1Gi' } });
    const c = new Container(99, buildContainerSpec('x', template, resources, new Map(), {}), 0);
    const { decision } = scheduler.explain(c, 0);
    expect(decision.winner).toBe('h2');
    expect(decision.hosts.map((h) => [h.host, h.total])).toEqual([
      ['h0', 1.25],
      ['h1', 1.5],
      ['h2', 0],
      ['h3', 1.6875],
    ]);
  });

  it('best fit breaks a tie that rounding hides in the keys: equal measures go to the earlier host', () => {
    // Two 3000m / 3000 hosts. h0 keeps 100m + 2300 free: key 100/3000 + 2300/3000 = 0.8.
    // h1 keeps 200m + 2200 free: key 200/3000 + 2200/3000 = 0.7999999999999999, one ulp lower, so h1
    // comes first in key order. Yet for 100m / 600 both measures round to the same double:
    // (0.8 − 100/3000) − 600/3000 = (0.7999999999999999 − 100/3000) − 600/3000 = 0.5666666666666667.
    const hosts = [0, 1].map(
      (i) => new Host(i, `h${i}`, 'h', resources.fromRecord({ cpu: 3000, memory: 3000 }), 110, {}, [], 0),
    );
    const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
    const container = (id: number, cpu: number, memory: number) =>
      new Container(
        id,
        buildContainerSpec(
          `c${id}`,
          containerTemplateSchema.parse({ requests: formatResources({ cpu, memory }) }),
          resources,
          new Map(),
          {},
        ),
        0,
      );
    cluster.bind(container(0, 2900, 700), hosts[0]!);
    cluster.bind(container(1, 2800, 800), hosts[1]!);
    const selector = bestFit();
    const scheduler = new Scheduler(
      { name: 'best-fit', filters: defaultFilters(), selector, preemption: false },
      cluster,
    );
    expect(scheduler.place(container(2, 100, 600)).host?.name).toBe('h0');
  });

  it('refuses to select before being attached, and unknown or negative weights', () => {
    const s = new FitSelector('x', 'first');
    const template = containerTemplateSchema.parse({});
    const c = new Container(0, buildContainerSpec('x', template, resources, new Map(), {}), 0);
    expect(() => s.select(c, { cluster: null!, feasible: () => true, recorder: null })).toThrow(
      /before being attached/,
    );
    expect(() => setup(bestFit({ tpu: 1 }))).toThrow(/unknown resource 'tpu'/);
    expect(() => setup(bestFit({ cpu: -1 }))).toThrow(/weight of 'cpu'/);
  });
});
