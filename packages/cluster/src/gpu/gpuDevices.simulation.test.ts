import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { formatDecision } from '../scheduler/formatDecision.js';
import { createSimulation } from '../simulation/Simulation.js';

const gpuHosts: ScenarioInput['hosts'] = [
  { group: 't4', count: 1, capacity: { cpu: '32', memory: '64Gi' }, gpus: { model: 'T4', count: 2 } },
  { group: 'g2', count: 1, capacity: { cpu: '32', memory: '64Gi' }, gpus: { model: 'G2', count: 4 } },
];

describe('GPU devices in a simulation', () => {
  it('places on host and devices; the binding event, snapshot and explain name the devices', () => {
    const sim = createSimulation(
      {
        scheduler: { strategy: 'first-fit' },
        hosts: gpuHosts,
        containers: [
          { name: 'share', requests: { cpu: '1' }, gpu: { milli: 460 } },
          { name: 'pair', requests: { cpu: '1' }, gpu: { count: 2, models: ['G2'] } },
          { name: 'share2', requests: { cpu: '1' }, gpu: { milli: 500 } },
          { name: 'cpu', requests: { cpu: '1' } },
        ],
      },
      { explain: ['pair'] },
    ).run('1s');
    const scheduled = sim.events().filter((e) => e.type === 'container.scheduled');
    expect(scheduled.map((e) => [e.container, e.host, 'devices' in e ? e.devices : '-'])).toEqual([
      ['share', 't4-0', [0]],
      ['pair', 'g2-0', [0, 1]],
      // best fit: the share goes on the device already holding 460 milli (540 free)
      ['share2', 't4-0', [0]],
      ['cpu', 't4-0', '-'],
    ]);
    const snap = sim.snapshot();
    expect(snap.hosts['t4-0']?.gpus).toEqual({ model: 'T4', used: [960, 0] });
    expect(snap.hosts['g2-0']?.gpus).toEqual({ model: 'G2', used: [1000, 1000, 0, 0] });
    expect(snap.hosts['t4-0']?.allocated.gpu).toBeCloseTo(0.96, 12);
    expect(snap.containers.pair?.devices).toEqual([0, 1]);
    expect(snap.containers.cpu).not.toHaveProperty('devices');
    const [decision] = sim.decisions('pair');
    expect(decision?.devices).toEqual([0, 1]);
    // t4-0 holds 0.96 GPU of its 2, so resource fit turns it away before its model is looked at.
    expect(decision?.reasons).toEqual({ 'Insufficient gpu': 1 });
    expect(formatDecision(decision!).split('\n')[0]).toContain('winner g2-0 (GPU devices 0, 1)');
  });

  it('preemption frees the victim devices for the preemptor and leaves the others where they were', () => {
    const sim = createSimulation({
      scheduler: { strategy: 'kubernetes' },
      hosts: [{ name: 'g', capacity: { cpu: '32', memory: '64Gi' }, gpus: { model: 'G2', count: 2 } }],
      containers: [
        { name: 'low-share', requests: { cpu: '1' }, gpu: { milli: 300 } },
        { name: 'low-whole', requests: { cpu: '1' }, gpu: { count: 1 } },
        { name: 'high', at: '1s', priority: 100, requests: { cpu: '1' }, gpu: { count: 2 } },
      ],
    }).run('2s');
    const snap = sim.snapshot();
    expect(snap.containers.high?.devices).toEqual([0, 1]);
    expect(snap.hosts.g?.gpus?.used).toEqual([1000, 1000]);
    expect(['low-share', 'low-whole'].map((n) => snap.containers[n]?.phase)).toEqual(['evicted', 'evicted']);
  });

  it('rejects a request no host can hold, with the reason', () => {
    const sim = createSimulation({
      hosts: gpuHosts,
      containers: [{ name: 'eight', gpu: { count: 8 } }],
    }).run('1s');
    expect(sim.events().find((e) => e.type === 'placement.rejected')).toMatchObject({
      reasons: { 'Insufficient gpu': 2 },
    });
  });

  it('refuses a container with both a device request and requests.gpu, and a host with gpus and capacity.gpu', () => {
    expect(() =>
      createSimulation({
        hosts: [{ name: 'h', capacity: { cpu: '1', gpu: 2 }, gpus: { model: 'T4', count: 2 } }],
        containers: [{ name: 'c', requests: { gpu: 1 }, gpu: { milli: 100, count: 1 } }],
      }),
    ).toThrow(/hosts with 'gpus' devices[^\n]*\n\s*→ at hosts\[0\]\.capacity\.gpu/);
    expect(() =>
      createSimulation({
        hosts: [{ name: 'h', capacity: { cpu: '1' }, gpus: { model: 'T4', count: 2 } }],
        containers: [{ name: 'c', requests: { gpu: 1 }, gpu: { milli: 100, count: 1 } }],
      }),
    ).toThrow(
      /a container with a 'gpu' device request[^\n]*\n\s*→ at containers\[0\]\.requests\.gpu\n\s*✖ expected exactly one of milli[^\n]*\n\s*→ at containers\[0\]\.gpu/,
    );
  });

  it('properties: allocation per device stays within 1,000 milli and matches the containers holding it; finished containers free exactly their devices', () => {
    const container = fc.record({
      share: fc.boolean(),
      milli: fc.integer({ min: 50, max: 999 }),
      count: fc.constantFrom(1, 2, 4),
      at: fc.integer({ min: 0, max: 60 }),
      duration: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(
        fc.array(container, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (cs, seed) => {
          const sim = createSimulation({
            seed,
            hosts: gpuHosts,
            containers: cs.map((c, i) => ({
              name: `c${i}`,
              at: `${c.at}s`,
              duration: `${c.duration}s`,
              requests: { cpu: '100m' },
              gpu: c.share ? { milli: c.milli } : { count: c.count },
            })),
          });
          for (let t = 0; t <= 130; t += 10) {
            sim.run(`${t}s`);
            const snap = sim.snapshot();
            for (const host of Object.values(snap.hosts)) {
              const sum = host.gpus!.used.map(() => 0);
              for (const name of host.containers) {
                const c = snap.containers[name]!;
                const spec = cs[Number(name.slice(1))]!;
                const devices = c.devices!;
                if (!spec.share) expect(new Set(devices).size).toBe(spec.count);
                for (const d of devices) sum[d]! += spec.share ? spec.milli : 1000;
              }
              expect(host.gpus!.used).toEqual(sum);
              for (const u of host.gpus!.used) expect(u).toBeLessThanOrEqual(1000);
            }
          }
          // Once every container has finished, every device is free again.
          sim.run('5h');
          expect(Object.values(sim.snapshot().containers).every((c) => c.phase === 'succeeded')).toBe(true);
          for (const host of Object.values(sim.snapshot().hosts))
            expect(host.gpus!.used.every((u) => u === 0)).toBe(true);
        },
      ),
      { seed: 4242, numRuns: 25 },
    );
  });
});
