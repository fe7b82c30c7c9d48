import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  AutoscalingMetrics,
  AvailabilityReport,
  ClusterEventType,
  ClusterMetrics,
  FunctionReport,
  NodeScalingReport,
  Simulation,
  SloMetrics,
  TrafficMetrics,
} from '@berth/cluster';
import { summarizeGpus } from '../format/formatGpuSummary.js';
import { metricsDocument } from '../run/metricsDocument.js';
import { buildTimeline } from './buildTimeline.js';
import { buildTrace, type ChromeTrace } from './buildTrace.js';
import { renderChartSvg } from './renderChartSvg.js';
import { renderReportHtml } from './renderReportHtml.js';
import { reportCharts } from './reportCharts.js';
import type { StepPoint } from './StepSeries.js';

/** What a report is made from: a finished run. */
export interface ReportInput {
  /**
   * The simulation as the run left it. The charts of pending containers, hosts per state and
   * replicas, and `trace.json`, come from its event log (`sim.events()`): create it with
   * `eventLog: { keep: 'all' }` (as `berth run --out` does); with a partial log the report says so.
   */
  readonly sim: Simulation;
  /** The run's metrics, as `berth run --json` prints them (collectMetrics, created before the run). */
  readonly metrics: ClusterMetrics;
  /** The scenario's name (its `name`, or the file name without extension), for titles. */
  readonly scenario: string;
  /** Availability figures (collectAvailability, created before the run), shown as the services table when given. */
  readonly availability?: AvailabilityReport | undefined;
  /**
   * Traffic figures (collectTraffic, created before the run), for a scenario with requests: shown as
   * the traffic tables and the latency and failed-request charts, and in metrics.json under `traffic`.
   */
  readonly traffic?: TrafficMetrics | undefined;
  /**
   * How the services with an objective kept it (collectSlo, created before the run), for a scenario whose
   * services declare `slo`: shown as the objectives table, and in metrics.json under `slo`.
   */
  readonly slo?: SloMetrics | undefined;
  /**
   * What the autoscalers did (collectAutoscaling, created before the run), for a scenario with
   * autoscalers: a chart per autoscaled service of its replicas against its load, and in metrics.json
   * under `autoscaling`.
   */
  readonly autoscaling?: AutoscalingMetrics | undefined;
  /**
   * What node autoscaling did (collectNodeScaling, created before the run), for a scenario with node
   * groups or a provisioner: a chart of the hosts joined over time, and in metrics.json under `nodeScaling`.
   */
  readonly nodeScaling?: NodeScalingReport | undefined;
  /**
   * The function platform's figures (`sim.functions()`), for a scenario with functions: the functions
   * table, a chart of instances and hosts over time, and in metrics.json under `functions`.
   */
  readonly functions?: FunctionReport | undefined;
  /** The strategy the run used, when overridden; default the scenario's. */
  readonly strategy?: string | undefined;
  /** The seed the run used, when overridden; default the scenario's. */
  readonly seed?: number | string | undefined;
}

/**
 * Writes the report of a finished run into `dir` (created if missing) and returns the paths written:
 * `metrics.json` (the metrics as one JSON object, as `berth run --json` prints it), `report.html` (a self-contained page with a summary
 * and every chart inline), one `<chart>.svg` per chart (see `reportCharts`), and `trace.json`
 * (a Chrome trace-event file for Perfetto, see `buildTrace`). The same run gives the same bytes.
 * Throws the file system's error when `dir` cannot be written.
 */
export async function writeReport(dir: string, input: ReportInput): Promise<readonly string[]> {
  const { sim, metrics } = input;
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const write = async (name: string, text: string): Promise<void> => {
    const file = join(dir, name);
    await writeFile(file, text);
    written.push(file);
  };

  const { traffic, slo, autoscaling, nodeScaling, functions } = input;
  // GPU devices only for scenarios whose hosts declare them, as `berth run --json` does.
  const gpus = sim.scenario.hosts.some((h) => h.gpus !== undefined) ? summarizeGpus(sim.cluster.hosts) : [];
  await write(
    'metrics.json',
    `${JSON.stringify(metricsDocument(metrics, { availability: input.availability, traffic, slo, autoscaling, nodeScaling, gpus, functions }), null, 2)}\n`,
  );

  const events = sim.events();
  const desired: Record<string, number> = {};
  for (const [name, service] of Object.entries(sim.scenario.services)) desired[name] = service.replicas;
  const timeline = buildTimeline(events, { from: metrics.window.from, to: sim.now, desired });
  const scales = autoscaling !== undefined || nodeScaling !== undefined;
  const usage = Object.fromEntries(Object.entries(sim.scenario.services).map(([name, s]) => [name, s.usage]));
  const charts = reportCharts(
    metrics,
    timeline,
    traffic,
    scales ? { autoscaling, nodeScaling, traffic, usage } : undefined,
    functions,
    slo,
  );
  const rendered: Array<{ chart: (typeof charts)[number]; svg: string }> = [];
  for (const chart of charts) {
    const svg = await renderChartSvg(chart.spec, chart.id);
    rendered.push({ chart, svg });
    await write(`${chart.id}.svg`, `${svg}\n`);
  }

  const strategy = input.strategy ?? sim.scenario.scheduler.strategy;
  const seed = input.seed ?? sim.scenario.seed;
  const counters: Record<string, readonly StepPoint[]> = {
    'pending containers': timeline.pending,
    'bound containers': timeline.bound,
  };
  for (const [name, s] of Object.entries(timeline.services)) counters[`available replicas: ${name}`] = s.available;
  const trace = buildTrace(events, {
    end: sim.now,
    hosts: sim.cluster.hosts.map((h) => ({ name: h.name, group: h.group })),
    counters,
    metadata: { scenario: input.scenario, strategy, seed, simulatedMs: sim.now },
  });

  const complete = events.length === sim.log.size;
  const eventCounts: Partial<Record<ClusterEventType, number>> = {};
  for (const e of events) eventCounts[e.type] = (eventCounts[e.type] ?? 0) + 1;
  const files = ['metrics.json', ...charts.map((c) => `${c.id}.svg`), 'trace.json'];
  await write(
    'report.html',
    renderReportHtml({
      scenario: input.scenario,
      subtitle: `Strategy ${strategy}, seed ${seed}; ${sim.log.size.toLocaleString('en-US')} events.`,
      metrics,
      timeline,
      availability: input.availability,
      traffic,
      slo,
      autoscaling,
      gpus,
      functions,
      charts: rendered,
      eventCounts,
      warning: complete
        ? undefined
        : `The event log kept ${events.length} of ${sim.log.size} events: the charts drawn from it and trace.json cover only those. Keep the whole log (eventLog: { keep: 'all' }) for a full report.`,
      files,
    }),
  );
  await write('trace.json', formatTrace(trace));
  return written;
}

/** The trace as JSON with one event per line, so that a large trace stays diffable and greppable. */
function formatTrace(trace: ChromeTrace): string {
  const lines = trace.traceEvents.map((e) => JSON.stringify(e));
  return `{"displayTimeUnit":"ms","otherData":${JSON.stringify(trace.otherData)},"traceEvents":[\n${lines.join(',\n')}\n]}\n`;
}
