// Golden runs of the benchmark scenarios at their `--smoke` sizes, through the public API only:
// createSimulation with the event log off (as the benchmarks run), an `onEvent` listener writing the
// event stream as `berth run --events` does (NDJSON), and collectMetrics (plus collectAvailability for
// the failure benchmark). Nothing is timed. Each case stores a summary (the run's end, counters and
// metrics report, as indented JSON) and the full event stream, both gzipped. They pin today's
// behaviour byte for byte, so that a refactoring of the cluster package can prove it changed nothing.
//
// The smoke sizes, strategy lists and failure settings are copied here on purpose rather than read from
// the benchmark scripts (which run on import): a golden pins one scenario, and a later change of a
// benchmark must not silently change what is compared.
import { fileURLToPath } from 'node:url';
import {
  collectAvailability,
  collectMetrics,
  createSimulation,
  randomHostFailures,
  type ScenarioInput,
  type Simulation,
} from '@berth/cluster';
import { exponentialDist, lognormalFromMeanCv } from '@berth/kernel';
import { type GoldenCase, GoldenDirectory } from '../../packages/kernel/test/GoldenDirectory.js';
import { mixedFleetScenario } from '../cluster/mixedFleet.js';
import { schedulingBasicScenario } from '../cluster/schedulingBasic.js';
import { failureScenario } from '../failures/failureScenario.js';
import { cloudsimShapeScenario } from '../replay/cloudsimShape.js';

/** The seeds every benchmark scenario is recorded with. */
export const BENCHMARK_GOLDEN_SEEDS = [1, 2, 3] as const;

/** One benchmark's goldens: a directory under benchmarks/golden and its cases. */
export interface BenchmarkGoldenSuite {
  readonly title: string;
  readonly directory: GoldenDirectory;
  readonly cases: readonly GoldenCase[];
}

/** How one scenario is built and run; each is recorded on every seed. */
interface BenchmarkScenario {
  /** Golden file stem. */
  readonly stem: string;
  /** The scenario on a seed. */
  build(seed: number): ScenarioInput;
  /** Whether the seed goes to createSimulation (true) or the scenario took it itself (false). */
  readonly seedOption: boolean;
  readonly strategy?: string;
  /** Runs the simulation to its end; returns what the summary holds beside the metrics report. */
  drive(sim: Simulation): Record<string, unknown>;
}

const toEnd = (sim: Simulation): Record<string, unknown> => {
  sim.run();
  return {};
};

/** cluster/run.ts --smoke: the placement strategies of its fleet, scaling and mixed-hosts suites. */
const PLACEMENT_STRATEGIES = ['best-fit', 'worst-fit', 'first-fit', 'most-allocated', 'least-allocated'] as const;

/** cluster/run.ts --smoke, every suite: 16 scenarios; the golden seed replaces their own (42). */
function clusterScenarios(): BenchmarkScenario[] {
  const scenarios: BenchmarkScenario[] = [
    // Suite basic: 200 hosts, 400 containers, the kubernetes preset.
    {
      stem: 'schedulingBasic-200-hosts-400-containers',
      build: () => schedulingBasicScenario({ hosts: 200, containers: 400 }),
      seedOption: true,
      drive: toEnd,
    },
  ];
  // Suites fleet (100 uniform hosts; best-fit, worst-fit, first-fit), scaling (100 and 200 uniform hosts,
  // every strategy: the scan limit is 200) and mixed-hosts (100 mixed hosts). The fleet's cases are the
  // scaling suite's at 100 hosts, so they are recorded once.
  for (const [layout, hosts] of [
    ['uniform', 100],
    ['uniform', 200],
    ['mixed', 100],
  ] as const) {
    for (const strategy of PLACEMENT_STRATEGIES) {
      scenarios.push({
        stem: `mixedFleet-${layout}-${hosts}-hosts.${strategy}`,
        build: () => mixedFleetScenario(hosts, strategy, layout),
        seedOption: true,
        drive: toEnd,
      });
    }
  }
  return scenarios;
}

/** failures/run.ts: its strategies, and its --smoke cluster, failure rates and length. */
const FAILURE_STRATEGIES = [
  'kubernetes',
  'best-fit',
  'worst-fit',
  'first-fit',
  'swarm-spread',
  'nomad-binpack',
  'ecs-spread-zone',
] as const;
const FAILURE_SIZE = { hosts: 30, services: 6, replicas: 5 } as const;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const FAILURE_WARM_UP = 10 * MINUTE;
const FAILURE_RUN = 0.5 * DAY;
const FAILURE_MTBF = 0.5 * DAY;
const FAILURE_MTTR = 15 * MINUTE;

/**
 * failures/run.ts --smoke: the seed is the scenario's; random host failures start after the warm-up,
 * and the availability collector is attached then, as the benchmark does.
 */
function failureScenarios(): BenchmarkScenario[] {
  return FAILURE_STRATEGIES.map((strategy) => ({
    stem: `failureScenario-30-hosts.${strategy}`,
    build: (seed) => failureScenario(FAILURE_SIZE, seed),
    seedOption: false,
    strategy,
    drive: (sim) => {
      sim.run(FAILURE_WARM_UP);
      const availability = collectAvailability(sim);
      const mtbf = exponentialDist(FAILURE_MTBF);
      randomHostFailures({ mtbf, mttr: lognormalFromMeanCv(FAILURE_MTTR, 1) }).attach(sim);
      sim.run(FAILURE_WARM_UP + FAILURE_RUN);
      return { availability: availability.report() };
    },
  }));
}

/** replay/run.ts --smoke: 200 hosts, 400 long-running containers, 500 batch tasks, first-fit. */
function replayScenarios(): BenchmarkScenario[] {
  return [
    {
      stem: 'cloudsimShape-200-hosts',
      build: () => cloudsimShapeScenario({ hosts: 200, longRunning: 400, batchTasks: 500 }),
      seedOption: true,
      drive: toEnd,
    },
  ];
}

/** The three benchmarks' goldens: cluster, failures, replay. */
export function benchmarkGoldenSuites(): BenchmarkGoldenSuite[] {
  const suite = (name: string, scenarios: readonly BenchmarkScenario[]): BenchmarkGoldenSuite => ({
    title: `${name} benchmark goldens`,
    directory: new GoldenDirectory(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'pnpm run golden:update'),
    cases: scenarios.flatMap((scenario) =>
      BENCHMARK_GOLDEN_SEEDS.map((seed) => {
        const stem = `${scenario.stem}.seed-${seed}`;
        return {
          name: `${scenario.stem}, seed ${seed}`,
          files: [`${stem}.summary.json.gz`, `${stem}.events.ndjson.gz`],
          record: () => recordScenario(scenario, seed),
        };
      }),
    ),
  });
  return [
    suite('cluster', clusterScenarios()),
    suite('failures', failureScenarios()),
    suite('replay', replayScenarios()),
  ];
}

function recordScenario(scenario: BenchmarkScenario, seed: number): string[] {
  let events = '';
  const input = scenario.build(seed);
  const sim = createSimulation(input, {
    seed: scenario.seedOption ? seed : undefined,
    strategy: scenario.strategy,
    eventLog: { keep: 'none' },
    onEvent: (event) => {
      events += `${JSON.stringify(event)}\n`;
    },
  });
  const metrics = collectMetrics(sim);
  const extra = scenario.drive(sim);
  const summary = {
    scenario: input.name ?? null,
    seed,
    strategy: scenario.strategy ?? input.scheduler?.strategy ?? null,
    end: sim.now,
    events: sim.log.size,
    counters: { ...sim.counters },
    metrics: metrics.report(),
    ...extra,
  };
  return [`${JSON.stringify(summary, null, 2)}\n`, events];
}
