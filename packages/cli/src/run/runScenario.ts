import {
  type AutoscalingMetrics,
  type AvailabilityReport,
  type ClusterMetrics,
  collectAutoscaling,
  collectAvailability,
  collectGpuArrivals,
  collectMetrics,
  collectNodeScaling,
  collectSlo,
  collectTraffic,
  createSimulation,
  type EventLogMode,
  type FunctionReport,
  type GpuArrivalReport,
  type NodeScalingReport,
  type Scenario,
  type ScenarioInput,
  type Simulation,
  type SloMetrics,
  type TrafficMetrics,
} from '@berth/cluster';
import { ConfigError } from '@berth/kernel';
import { type GoogleReplayReport, googleReplay, TRACE_STREAMS } from '@berth/workloads';

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
  /** Traces to stream as well as the scenario's own streams (`berth run --trace`); the scenario must then be as written, not parsed. */
  readonly traces?: ReadonlyArray<{ readonly format: string; readonly files: readonly string[] }> | undefined;
}

/** A finished run: the simulation as it ended and its metrics. */
export interface RunOutcome {
  readonly sim: Simulation;
  readonly metrics: ClusterMetrics;
  /** Per-service and per-host-group availability, rollouts. */
  readonly availability: AvailabilityReport;
  /** Requests per load source and service, and over time; null when the scenario has no request types. */
  readonly traffic: TrafficMetrics | null;
  /** How each service with an objective (`slo`) kept it, window by window; null when no service declares one. */
  readonly slo: SloMetrics | null;
  /** What the autoscalers did, per autoscaled service; null when no service has one. */
  readonly autoscaling: AutoscalingMetrics | null;
  /** Node autoscaling: hosts over time, scaling actions, cost; null when the scenario has no node groups or provisioner. */
  readonly nodeScaling: NodeScalingReport | null;
  /** Function invocations, cold starts, instances and cost; null when the scenario has no functions. */
  readonly functions: FunctionReport | null;
  /** GPU allocation against the GPU work arrived; null when no host has GPUs. */
  readonly gpu: GpuArrivalReport | null;
  /** The stop time used (ms), or null when the run went on until nothing was left to do. */
  readonly until: number | null;
  /** How the run's placements and evictions differ from a streamed Google 2011 trace's; null without one. */
  readonly replay?: GoogleReplayReport | null | undefined;
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
  const run = startRun(input, options);
  const { sim, until } = run;
  if (sim.needsAsync) {
    throw new Error('this scenario streams a trace file: run it with runScenarioAsync (berth run does)');
  }
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
  return run.finish();
}

/** Simulated time a streamed run without a stop time advances between progress reports: an hour. */
const STREAM_CHUNK_MS = 3_600_000;

/**
 * {@link runScenario} for a scenario that streams trace files (or with `traces`): the same run, read
 * with `sim.runAsync`, progress reported every simulated hour.
 */
export async function runScenarioAsync(
  input: ScenarioInput | Scenario,
  options: RunScenarioOptions = {},
): Promise<RunOutcome> {
  const run = startRun(input, options);
  const { sim, until } = run;
  const report = options.onProgress ?? (() => {});
  const progress = (): RunProgress => ({ now: sim.now, until, events: sim.log.size });
  const end = until ?? Number.POSITIVE_INFINITY;
  while (sim.now < end && (sim.needsAsync || sim.env.peek() < end)) {
    const next = Math.min(end, Math.max(sim.now, sim.env.peek()) + STREAM_CHUNK_MS);
    if (next === Number.POSITIVE_INFINITY) await sim.runAsync();
    else await sim.runAsync(next);
    report(progress());
  }
  report(progress());
  return run.finish();
}

/** Trace formats whose replay is compared with the trace's own decisions. */
const REPLAYED: ReadonlySet<string> = new Set(['google-2011-task-events', 'google-2011-job-events']);

/** A simulation built with its collectors, ready to run, and how to gather the outcome once it has run. */
function startRun(input: ScenarioInput | Scenario, options: RunScenarioOptions) {
  const mode = options.eventLog ?? { keep: 'none' };
  // Google task (or job) events are replayed through a comparison with the trace's own decisions.
  const replay = googleReplay();
  const sim = createSimulation(withTraces(input, options.traces), {
    seed: options.seed,
    strategy: options.strategy,
    eventLog: mode,
    onEvent: options.onEvent,
    // Without the whole log nobody reads finished containers back: forget them, so memory stays flat.
    keepFinished: mode.keep === 'all' || options.explain !== undefined,
    explain: options.explain,
    traceStreams: { ...TRACE_STREAMS, ...replay.traceStreams },
  });
  const replayed = sim.scenario.streams.some((w) => w.trace !== undefined && REPLAYED.has(w.trace.format));
  const collector = collectMetrics(sim);
  const availability = collectAvailability(sim);
  const autoscaled = Object.values(sim.scenario.services).some((s) => s.autoscaling !== undefined);
  // The services' cpu only when an autoscaler reads it: the figures of other scenarios keep their shape.
  const traffic =
    Object.keys(sim.scenario.requests).length > 0
      ? collectTraffic(sim, { sampleEvery: collector.sampleEvery, cpu: autoscaled })
      : null;
  const autoscaling = autoscaled ? collectAutoscaling(sim) : null;
  const slo = Object.values(sim.scenario.services).some((s) => s.slo !== undefined) ? collectSlo(sim) : null;
  const scaling =
    sim.scenario.nodeGroups.length > 0 || sim.scenario.provisioner !== undefined ? collectNodeScaling(sim) : null;
  const gpus = sim.scenario.hosts.some((h) => h.gpus !== undefined) ? collectGpuArrivals(sim) : null;
  const until = options.until ?? sim.scenario.horizon ?? null;
  if (until === null) {
    const endless = sim.scenario.streams.findIndex(
      (w) => w.arrivals !== undefined && w.until === undefined && w.limit === undefined,
    );
    if (endless >= 0) {
      throw new ConfigError(
        [
          {
            path: `streams[${endless}]`,
            message:
              "a generated stream never ends: give it 'until' or 'limit', the scenario a 'horizon', or the run --until",
            code: 'custom',
          },
        ],
        'scenario',
      );
    }
  }
  const finish = (): RunOutcome => ({
    sim,
    metrics: collector.report(),
    availability: availability.report(),
    traffic: traffic?.report() ?? null,
    slo: slo?.report() ?? null,
    autoscaling: autoscaling?.report() ?? null,
    nodeScaling: scaling?.report() ?? null,
    functions: sim.functions(),
    gpu: gpus?.report() ?? null,
    until,
    ...(replayed ? { replay: replay.report() } : {}),
  });
  return { sim, until, finish };
}

/** The scenario with one more stream per `--trace`, named `trace`, `trace-2`, ... */
function withTraces(input: ScenarioInput | Scenario, traces: RunScenarioOptions['traces']): ScenarioInput | Scenario {
  if (traces === undefined || traces.length === 0) return input;
  const raw = input as ScenarioInput;
  const added = traces.map((t, i) => ({
    name: i === 0 ? 'trace' : `trace-${i + 1}`,
    trace: { format: t.format, files: [...t.files] },
  }));
  return { ...raw, streams: [...(raw.streams ?? []), ...added] };
}
