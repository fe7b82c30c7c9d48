import {
  type ArrivalProcess,
  ConfigError,
  countsArrivals,
  diurnalArrivals,
  mmppArrivals,
  onOffArrivals,
  poissonArrivals,
} from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { compileTemplate } from '../simulation/compileTemplate.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import type { StreamItem } from './StreamItem.js';
import { syntheticStream } from './syntheticStream.js';
import type { WorkloadSource } from './WorkloadSource.js';

const CELL: ScenarioInput = {
  seed: 5,
  hosts: [
    { group: 'a', count: 4, capacity: { cpu: '8', memory: '32Gi' } },
    { group: 'b', count: 2, capacity: { cpu: '16', memory: '64Gi' } },
  ],
  scheduler: { strategy: 'best-fit' },
};

const BATCH: ScenarioInput = {
  ...CELL,
  streams: [
    {
      name: 'batch',
      arrivals: { process: 'poisson', rate: 2 },
      template: { requests: { cpu: '500m', memory: '1Gi' } },
      sizes: [
        { weight: 3, requests: { cpu: '500m', memory: '1Gi' } },
        { weight: 1, requests: { cpu: '2', memory: '4Gi' } },
      ],
      duration: { dist: 'lognormal', mean: '30s', cv: 1.5 },
      until: '10m',
    },
  ],
};

const digest = (sim: Simulation) => sim.events().map((e) => JSON.stringify(e));

/** Every submit of a finished synthetic run, as items a user's iterator can replay. */
function itemsOf(sim: Simulation): StreamItem[] {
  const out: StreamItem[] = [];
  for (const c of sim.allContainers()) out.push({ type: 'submit', at: c.createdAt, spec: c.spec });
  return out;
}

describe('synthetic streams from a scenario', () => {
  it('generates arrivals lazily by the arrival process, sizes and durations drawn from their distributions', () => {
    const sim = createSimulation(BATCH).run('15m');
    const [report] = sim.streamReports();
    // Poisson at 2/s for 600 s: 1,200 expected, sd sqrt(1200) ≈ 35; 4 sd either side.
    expect(report!.submitted).toBeGreaterThan(1200 - 4 * 35);
    expect(report!.submitted).toBeLessThan(1200 + 4 * 35);
    expect(report!.done).toBe(true);
    expect(report!.late).toBe(0);
    const big = [...sim.allContainers()].filter((c) => c.spec.requests[0] === 2000).length;
    // One in four is big: binomial sd sqrt(n·3/16).
    const n = report!.submitted;
    expect(Math.abs(big - n / 4)).toBeLessThan(4 * Math.sqrt((n * 3) / 16));
    const durations = [...sim.allContainers()].map((c) => c.spec.durationMs);
    const mean = durations.reduce((a, b) => a + b, 0) / n;
    // Lognormal mean 30 s, cv 1.5: the sample mean's sd is 45 s / sqrt(n) ≈ 1.3 s.
    expect(Math.abs(mean - 30_000)).toBeLessThan(4 * (45_000 / Math.sqrt(n)));
    expect(sim.counters.placed).toBe(n);
  });

  it('gives the same run for the same seed', () => {
    expect(digest(createSimulation(BATCH).run('5m'))).toEqual(digest(createSimulation(BATCH).run('5m')));
  });

  it('is refused by path when the scenario is wrong', () => {
    const bad =
      (streams: unknown, extra: object = {}) =>
      () =>
        createSimulation({ ...CELL, ...extra, streams } as ScenarioInput);
    expect(bad([{ name: 's' }])).toThrow(/give either 'arrivals' .* or 'trace'[\s\S]*→ at streams\[0\]\.arrivals/);
    expect(bad([{ name: 's', trace: { format: 'google-2011-task-events', files: ['x.csv'] } }])).toThrow(
      /cannot read trace 'google-2011-task-events': create the simulation with the traceStreams option[\s\S]*→ at streams\[0\]\.trace\.format/,
    );
    expect(bad([{ name: 's', arrivals: { process: 'poisson', rate: -1 } }])).toThrow(
      /→ at streams\[0\]\.arrivals\.rate/,
    );
    expect(
      bad([{ name: 'web', arrivals: { process: 'poisson', rate: 1 } }], {
        services: { web: { replicas: 1, template: {} } },
      }),
    ).toThrow(/'web' names both a stream and a service[\s\S]*→ at streams\[0\]\.name/);
    expect(bad([{ name: 's', arrivals: { process: 'poisson', rate: 1 } }], { containers: [{ name: 's-3' }] })).toThrow(
      /container name 's-3' is taken by an arrival of stream 's'/,
    );
    expect(
      bad([{ name: 's', arrivals: { process: 'poisson', rate: 1 }, template: { requests: { cpu: 'x' } } }]),
    ).toThrow(ConfigError);
  });
});

describe('every arrival process of the scenario', () => {
  // Each process as a scenario names it, and the kernel's process it must stand for (durations in ms).
  const PROCESSES: ReadonlyArray<[NonNullable<ScenarioInput['streams']>[number]['arrivals'], ArrivalProcess]> = [
    [{ process: 'poisson', rate: 0.5 }, poissonArrivals(0.5)],
    [
      { process: 'mmpp', rates: [0.1, 2], meanDurations: ['10m', '2m'] },
      mmppArrivals({ rates: [0.1, 2], meanDurations: [600_000, 120_000] }),
    ],
    [
      { process: 'on-off', rate: 1, meanOn: '5m', meanOff: '15m' },
      onOffArrivals({ rate: 1, meanOn: 300_000, meanOff: 900_000 }),
    ],
    [
      { process: 'diurnal', meanRate: 0.2, amplitude: 0.8, period: '4h', peakAt: '1h' },
      diurnalArrivals({ meanRate: 0.2, amplitude: 0.8, period: 14_400_000, peakAt: 3_600_000 }),
    ],
    [
      { process: 'counts', counts: [30, 0, 90, 5], every: '1h' },
      countsArrivals({ counts: [30, 0, 90, 5], binMs: 3_600_000 }),
    ],
  ];
  const arrivalsOf = (sim: Simulation) =>
    [...sim.allContainers()].map((c) => [c.name, c.createdAt, c.spec.durationMs, ...c.spec.requests]);

  for (const [arrivals, process] of PROCESSES) {
    it(`streams ${arrivals!.process} arrivals as the kernel's ${process.name} process draws them`, () => {
      const scenario: ScenarioInput = {
        ...CELL,
        streams: [
          {
            name: 'batch',
            arrivals,
            template: { requests: { cpu: '250m', memory: '256Mi' }, duration: '30s' },
            until: '4h',
          },
        ],
      };
      const fromScenario = createSimulation(scenario).run('5h');
      const fromApi = createSimulation(CELL, {
        streams: [
          syntheticStream({
            name: 'batch',
            arrivals: process,
            template: { requests: { cpu: '250m', memory: '256Mi' }, duration: '30s' },
            until: 14_400_000,
          }),
        ],
      }).run('5h');
      const streamed = arrivalsOf(fromScenario);
      // About mean rate × 4 h arrivals (125 for counts): far from none, and the same draws either way.
      expect(streamed.length).toBeGreaterThan(60);
      expect(streamed).toEqual(arrivalsOf(fromApi));
      expect(fromScenario.streamReports()[0]).toMatchObject({ submitted: streamed.length, done: true, late: 0 });
    });
  }
});

describe('streams of your own', () => {
  const reference = createSimulation(BATCH).run('15m');
  const items = itemsOf(reference);

  const syncSource = (list: readonly StreamItem[]): WorkloadSource => ({ name: 'mine', open: () => list });
  /** An async source that awaits between items, in chunks of `chunk`: reads fall differently each time. */
  const asyncSource = (list: readonly StreamItem[], chunk: number): WorkloadSource => ({
    name: 'mine',
    open: () =>
      (async function* () {
        for (let i = 0; i < list.length; i++) {
          if (i % chunk === 0) await new Promise((resolve) => setImmediate(resolve));
          yield list[i]!;
        }
      })(),
  });

  it('a plain iterator replays the synthetic run exactly', () => {
    const sim = createSimulation(CELL, { streams: [syncSource(items)] }).run('15m');
    expect(digest(sim)).toEqual(digest(reference));
  });

  it('an async iterator gives the same run however its reads fall, and needs runAsync', async () => {
    const runs: string[][] = [];
    for (const chunk of [1, 7, 1000, 100_000]) {
      const sim = createSimulation(CELL, { streams: [asyncSource(items, chunk)] });
      expect(() => sim.run('1m')).toThrow(/run it with `await sim.runAsync\(until\)`/);
      await sim.runAsync('15m');
      expect(sim.now).toBe(900_000);
      expect(sim.streamReports()[0]).toMatchObject({ submitted: items.length, done: true, late: 0 });
      runs.push(digest(sim));
    }
    for (const run of runs) expect(run).toEqual(digest(reference));
  });

  it('ends containers and counts what came late or ended already', () => {
    const sim = createSimulation(CELL);
    const t = compileTemplate(sim, { requests: { cpu: '1' } });
    sim.stream({
      name: 'ends',
      open: () => [
        { type: 'submit', at: 1000, spec: t.spec('x') },
        { type: 'submit', at: 1000, spec: t.spec('y', { durationMs: 500 }) },
        { type: 'end', at: 5000, container: 'x', reason: 'FINISH' },
        { type: 'end', at: 5000, container: 'y', reason: 'FINISH' },
        { type: 'submit', at: 4000, spec: t.spec('z') },
      ],
    });
    sim.run('10s');
    expect(sim.container('x')!.phase).toBe('succeeded');
    expect(sim.container('x')!.finishedAt).toBe(5000);
    expect(sim.streamReports()[0]).toMatchObject({ items: 5, submitted: 3, ended: 1, endedAlready: 1, late: 1 });
    expect(sim.container('z')!.createdAt).toBe(5000);
  });

  it('a synthetic stream through the API draws like the scenario entry', () => {
    const sim = createSimulation(CELL, {
      streams: [
        syntheticStream({
          name: 'api',
          arrivals: poissonArrivals(5),
          template: { requests: { cpu: '250m' }, duration: '20s' },
          limit: 100,
        }),
      ],
    }).run('1h');
    expect(sim.streamReports()[0]).toMatchObject({ name: 'api', submitted: 100, done: true });
    expect(sim.container('api-99')!.phase).toBe('succeeded');
  });
});
