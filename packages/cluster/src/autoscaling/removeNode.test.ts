import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { removeNode } from './removeNode.js';

describe('removeNode', () => {
  it('gives up when an eviction is still refused at the eviction limit, and uncordons the node', () => {
    // One replica, a budget that keeps it (minAvailable 1): the eviction is refused and retried until
    // the 2 min limit, then the removal fails and the node is ready again.
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '2', memory: '4Gi' } }],
      services: { web: { replicas: 1, template: { requests: { cpu: '500m', memory: '256Mi' } } } },
    });
    sim.run('1m');
    const host = sim.container('web-0')!.host!.name;
    const outcomes: Array<[number, boolean, string]> = [];
    sim.env.schedule(0, () =>
      removeNode(
        sim,
        host,
        'node',
        { web: { minAvailable: 1 } },
        { evictionMs: 120_000, terminationMs: 630_000, gracePeriodMs: 600_000 },
        (removed, reason) => outcomes.push([sim.now, removed, reason]),
      ),
    );
    sim.run('10m');
    expect(outcomes).toEqual([[180_000, false, 'not every container evicted within 120000 ms (evictions refused)']]);
    expect(sim.cluster.hostsByName.get(host)!.state).toBe('ready');
    expect(sim.container('web-0')!.phase).toBe('running');
    expect(sim.events().some((e) => e.type === 'eviction.refused')).toBe(true);
  });

  it('removes the node once its evicted containers have exited within the limits', () => {
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '2', memory: '4Gi' } }],
      services: { web: { replicas: 1, template: { requests: { cpu: '500m', memory: '256Mi' }, preStop: '5m' } } },
    });
    sim.run('1m');
    const host = sim.container('web-0')!.host!.name;
    const outcomes: Array<[number, boolean]> = [];
    sim.env.schedule(0, () =>
      removeNode(
        sim,
        host,
        'node',
        {},
        { evictionMs: 120_000, terminationMs: 630_000, gracePeriodMs: 600_000 },
        (removed) => outcomes.push([sim.now, removed]),
      ),
    );
    sim.run('20m');
    expect(outcomes).toEqual([[360_000, true]]);
    expect(sim.cluster.hostsByName.get(host)!.state).toBe('down');
  });

  it("cuts each evicted container's termination to the grace period, as cluster-autoscaler's eviction does", () => {
    // A 20 min preStop hook and 25 min grace period: with the 10 min cap (--max-graceful-termination-sec)
    // the container is killed 600 s after its eviction at 60 s, inside the 630 s wait, and the node goes;
    // uncapped, it would still be terminating when the wait runs out at 60 + 630 s.
    const run = (gracePeriodMs: number) => {
      const sim = createSimulation({
        hosts: [{ group: 'node', count: 2, capacity: { cpu: '2', memory: '4Gi' } }],
        services: {
          web: {
            replicas: 1,
            template: { requests: { cpu: '500m', memory: '256Mi' }, preStop: '20m', terminationGracePeriod: '25m' },
          },
        },
      });
      sim.run('1m');
      const host = sim.container('web-0')!.host!.name;
      const outcomes: Array<[number, boolean, string]> = [];
      sim.env.schedule(0, () =>
        removeNode(sim, host, 'node', {}, { evictionMs: 120_000, terminationMs: 630_000, gracePeriodMs }, (r, why) =>
          outcomes.push([sim.now, r, why]),
        ),
      );
      sim.run('1h');
      return { sim, outcomes };
    };
    const capped = run(600_000);
    expect(capped.outcomes).toEqual([[660_000, true, 'drained']]);
    const exit = capped.sim.events().filter((e) => e.type === 'container.evicted' && e.container === 'web-0');
    expect(exit.map((e) => e.at)).toEqual([660_000]);
    // The stop signal came when the cut preStop hook ended, and the kill at once (no grace left).
    const draining = capped.sim.events().filter((e) => e.type === 'container.draining' && e.container === 'web-0');
    expect(draining.map((e) => e.at)).toEqual([660_000]);
    const uncapped = run(Number.POSITIVE_INFINITY);
    expect(uncapped.outcomes).toEqual([
      [690_000, false, 'containers still terminating 630000 ms after their eviction'],
    ]);
  });

  it('leaves a shorter termination alone: the cap only cuts', () => {
    const sim = createSimulation({
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '2', memory: '4Gi' } }],
      services: { web: { replicas: 1, template: { requests: { cpu: '500m', memory: '256Mi' }, preStop: '5m' } } },
    });
    sim.run('1m');
    const host = sim.container('web-0')!.host!.name;
    const outcomes: Array<[number, boolean]> = [];
    sim.env.schedule(0, () =>
      removeNode(sim, host, 'node', {}, { evictionMs: 120_000, terminationMs: 630_000, gracePeriodMs: 400_000 }, (r) =>
        outcomes.push([sim.now, r]),
      ),
    );
    sim.run('20m');
    expect(outcomes).toEqual([[360_000, true]]);
  });
});
