import {
  type AutoscalingMetrics,
  type AvailabilityReport,
  type ClusterMetrics,
  collectAutoscaling,
  collectAvailability,
  collectMetrics,
  collectTraffic,
  createSimulation,
  type EventLogMode,
  type Scenario,
  type ScenarioInput,
  type Simulation,
  type TrafficMetrics,
} from '@berth/cluster';

/** How far a run has got, handed to {@link RunScenarioOptions.onProgress} between chunks. */
export interface RunProgress {
  /** Simulated time reached, ms. */
  readonly now: number;
  /** Where the run stops, ms; null when it runs until nothing is left to do. */
  readonly until: number | null;
  /** Cluster events so far. */
  readonly events: number;
}

/** Options of {@link runScenario}; each but the callbacks overrides the scenario. */
export interface RunScenarioOptions {
  readonly seed?: number | undefined;
  readonly strategy?: string | undefined;
  /** Stop time in ms; default the scenario's horizon, or run until nothing is left to do. */
  readonly until?: number | undefined;
  /** How much of the event log to keep in memory (default none: the metrics subscribe to it). */
  readonly eventLog?: EventLogMode | undefined;
  /** Containers whose placement attempts are recorded for explain. */
  readonly explain?: readonly string[] | undefined;
  /** Called with each event as it happens (e.g. an NDJSON writer). */
  readonly onEvent?: Parameters<Simulation['log']['subscribe']>[0] | undefined;
  /** Called between chunks of the run, and once at the end. */
  readonly onProgress?: ((progress: RunProgress) => void) | undefined;
  /** Wall clock in ms, to size chunks so that progress is reported about every `progressEvery` ms. */
  readonly clock?: (() => number) | undefined;
  readonly progressEvery?: number | undefined;
}

/** A finished run: the simulation as it ended and its metrics. */
export interface RunOutcome {
  readonly sim: Simulation;
  readonly metrics: ClusterMetrics;
  /** Per-service and per-host-group availability, rollouts. */
  readonly availability: AvailabilityReport;
  /** Requests per load source and service, and over time; null when the scenario has no request types. */
  readonly traffic: TrafficMetrics | null;
  /** What the autoscalers did, per autoscaled service; null when no service has one. */
  readonly autoscaling: AutoscalingMetrics | null;
  /** The stop time used (ms), or null when the run went on until nothing was left to do. */
  readonly until: number | null;
}

/** Events run between progress reports when a run has no stop time. */
const STEP_BATCH = 20_000;
/** Chunks a finite run starts with; their width then adapts to the wall clock. */
const INITIAL_CHUNKS = 1000;

/**
 * Creates a simulation (from a scenario as written, or one already parsed) with a metrics collector (and
 * a traffic collector when the scenario has request types) and runs it to `until` (or the horizon, or the end).
 * The run is cut into chunks of simulated time so that progress can be reported; chunks change
 * nothing (an entry at a chunk's end runs first in the next chunk, in the same order), so the result
 * is the same as one `sim.run(until)`. Throws ConfigError for a bad scenario or option and
 * SimulationError for a broken invariant.
 */
export function runScenario(input: ScenarioInput | Scenario, options: RunScenarioOptions = {}): RunOutcome {
  const mode = options.eventLog ?? { keep: 'none' };
  const onEvent = options.onEvent;
  const sim = createSimulation(input, {
    seed: options.seed,
    strategy: options.strategy,
    eventLog: mode,
    onEvent,
    // Without the whole log nobody reads finished containers back: forget them, so memory stays flat.
    keepFinished: mode.keep === 'all' || options.explain !== undefined,
    explain: options.explain,
  });
  const collector = collectMetrics(sim);
  const availability = collectAvailability(sim);
  const autoscaled = Object.values(sim.scenario.services).some((s) => s.autoscaling !== undefined);
  // The services' cpu only when an autoscaler reads it: the figures of other scenarios keep their shape.
  const traffic =
    Object.keys(sim.scenario.requests).length > 0
      ? collectTraffic(sim, { sampleEvery: collector.sampleEvery, cpu: autoscaled })
      : null;
  const autoscaling = autoscaled ? collectAutoscaling(sim) : null;
  const until = options.until ?? sim.scenario.horizon ?? null;
  const report = options.onProgress ?? (() => {});
  const progress = (): RunProgress => ({ now: sim.now, until, events: sim.log.size });
  if (until === null) {
    while (sim.step()) {
      for (let i = 1; i < STEP_BATCH && sim.step(); i++);
      report(progress());
    }
  } else if (options.onProgress === undefined) {
    sim.run(until);
  } else {
    const clock = options.clock ?? (() => 0);
    const target = options.progressEvery ?? 100;
    let width = Math.max((until - sim.now) / INITIAL_CHUNKS, 1);
    while (sim.now < until) {
      const started = clock();
      sim.run(Math.min(until, sim.now + width));
      const took = clock() - started;
      // Aim each chunk at about `target` ms of wall time, changing its width at most 4× at a time.
      width = Math.max(1, width * (took <= 0 ? 4 : Math.min(4, Math.max(0.25, target / took))));
      report(progress());
    }
  }
  report(progress());
  return {
    sim,
    metrics: collector.report(),
    availability: availability.report(),
    traffic: traffic?.report() ?? null,
    autoscaling: autoscaling?.report() ?? null,
    until,
  };
}
