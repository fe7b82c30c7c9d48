import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../CliError.js';
import { EXIT_CODES } from '../exitCodes.js';
import { formatAutoscalingSummary } from '../format/formatAutoscalingSummary.js';
import { formatAvailability } from '../format/formatAvailability.js';
import { formatFunctionSummary } from '../format/formatFunctionSummary.js';
import { formatGpuSummary, summarizeGpus } from '../format/formatGpuSummary.js';
import { formatNodeScalingSummary } from '../format/formatNodeScalingSummary.js';
import { formatReplay } from '../format/formatReplay.js';
import { formatRunSummary } from '../format/formatRunSummary.js';
import { formatSloSummary } from '../format/formatSloSummary.js';
import { formatStreams } from '../format/formatStreams.js';
import { formatTrafficSummary } from '../format/formatTrafficSummary.js';
import { checkStrategy } from '../options/checkStrategy.js';
import { parseIntegerOption } from '../options/parseIntegerOption.js';
import { parseTimeOption } from '../options/parseTimeOption.js';
import { parseTraceOption, type TraceOption } from '../options/parseTraceOption.js';
import { writeReport } from '../report/writeReport.js';
import { metricsDocument } from '../run/metricsDocument.js';
import { NdjsonEventWriter } from '../run/NdjsonEventWriter.js';
import { ProgressBar } from '../run/ProgressBar.js';
import { type RunOutcome, type RunScenarioOptions, runScenario, runScenarioAsync } from '../run/runScenario.js';
import { loadScenario } from '../scenario/loadScenario.js';
import { reportWarnings, STRICT_HELP } from '../scenario/reportWarnings.js';
import { asCliError } from './asCliError.js';
import { type CommandContext, EXIT_CODES_HELP } from './CommandContext.js';

interface RunOptions {
  readonly seed?: string;
  readonly until?: string;
  readonly strategy?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly events?: string;
  readonly trace?: string[];
  readonly strict?: boolean;
}

/** `berth run <scenario>`: runs a scenario and prints a summary of its metrics (or them as JSON). */
export function registerRunCommand(program: Command, context: CommandContext): void {
  program
    .command('run')
    .description('Run a scenario and print a summary of its metrics.')
    .argument('<scenario>', 'scenario file, YAML or JSON')
    .option('--seed <n>', "seed of every random stream (default: the scenario's seed)")
    .option('--until <time>', "stop at this simulated time: 90s, 10m, 1h, 2d or ms (default: the scenario's horizon)")
    .option('--strategy <name>', "placement strategy or preset (default: the scenario's scheduler.strategy)")
    .option(
      '--json',
      'print the metrics as one JSON object instead of the summary (with "availability"; "traffic" when the scenario has requests, "slo" when a service declares an objective, "autoscaling" when it has autoscalers, "nodeScaling" when it has node groups or a provisioner)',
    )
    .option(
      '--out <dir>',
      'write a report into this directory (metrics.json, report.html, charts as .svg, trace.json for Perfetto); keeps the whole event log in memory',
    )
    .option('--events <file>', 'stream every cluster event to this file as it happens, one JSON object per line')
    .option(
      '--trace <format:files>',
      'stream a trace into the run as it goes, without converting it: google-2011-task-events:part-*.csv.gz (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--strict', STRICT_HELP)
    .addHelpText(
      'after',
      `\nWithout --out no event is kept in memory, so memory stays flat however long the run.${EXIT_CODES_HELP}`,
    )
    .action((file: string, options: RunOptions) => runAction(file, options, context));
}

async function runAction(file: string, options: RunOptions, context: CommandContext): Promise<void> {
  const { io, cwd, clock } = context;
  const seed = options.seed === undefined ? undefined : parseIntegerOption('--seed', options.seed);
  const until = options.until === undefined ? undefined : parseTimeOption('--until', options.until);
  const strategy = options.strategy === undefined ? undefined : checkStrategy('--strategy', options.strategy);
  const traces: TraceOption[] = (options.trace ?? []).map((t) => parseTraceOption(t, cwd));
  const loaded = loadScenario(file, cwd, strategy, traces.length > 0);
  reportWarnings(loaded, options.strict, io);
  let writer: NdjsonEventWriter | undefined;
  if (options.events !== undefined) {
    try {
      writer = new NdjsonEventWriter(resolve(cwd, options.events));
    } catch (error) {
      throw new CliError(`--events: cannot write '${options.events}': ${(error as Error).message}`);
    }
  }
  const bar = io.progress !== undefined && options.json !== true ? new ProgressBar(io.progress, clock) : undefined;
  const started = clock();
  let outcome: RunOutcome;
  const streamed = traces.length > 0 || loaded.scenario.streams.some((s) => s.trace !== undefined);
  try {
    const run: RunScenarioOptions = {
      seed,
      strategy,
      until,
      eventLog: options.out === undefined ? { keep: 'none' } : { keep: 'all' },
      onEvent: writer?.write,
      onProgress: bar?.update,
      clock,
      traces,
    };
    // A streamed trace is read as the run goes, with awaits; every other run stays synchronous.
    outcome = streamed
      ? await runScenarioAsync(traces.length > 0 ? loaded.input : loaded.scenario, run)
      : runScenario(loaded.scenario, run);
  } catch (error) {
    throw asCliError(error, file);
  } finally {
    bar?.stop();
    writer?.close();
  }
  const wallMs = clock() - started;
  const { sim, metrics, traffic, slo, availability, autoscaling, nodeScaling, functions } = outcome;
  // GPU devices only when hosts declare them.
  const hasGpus = sim.scenario.hosts.some((h) => h.gpus !== undefined);
  const gpus = hasGpus ? summarizeGpus(sim.cluster.hosts) : [];
  if (options.json === true) {
    const figures = { availability, traffic, slo, autoscaling, nodeScaling, functions, gpus };
    io.stdout.write(`${JSON.stringify(metricsDocument(metrics, figures))}\n`);
  } else {
    io.stdout.write(
      formatRunSummary(metrics, {
        scenario: loaded.name,
        strategy: strategy ?? sim.scenario.scheduler.strategy,
        seed: seed ?? sim.scenario.seed,
        events: sim.log.size,
        wallMs,
      }),
    );
    const availabilityText = formatAvailability(availability);
    if (availabilityText !== '') io.stdout.write(`\n${availabilityText}`);
    if (traffic !== null) io.stdout.write(`\n${formatTrafficSummary(traffic)}`);
    if (slo !== null) io.stdout.write(`\n${formatSloSummary(slo)}`);
    if (autoscaling !== null) io.stdout.write(`\n${formatAutoscalingSummary(autoscaling)}`);
    if (nodeScaling !== null) io.stdout.write(`\n${formatNodeScalingSummary(nodeScaling)}`);
    if (gpus.length > 0) io.stdout.write(`\n${formatGpuSummary(gpus)}`);
    if (functions !== null) io.stdout.write(`\n${formatFunctionSummary(functions)}`);
    const streams = sim.streamReports();
    // Only when the run streams something: the output of the others stays as it was.
    if (streams.length > 0) io.stdout.write(`\n${formatStreams(streams)}`);
    if (outcome.replay != null) io.stdout.write(`\n${formatReplay(outcome.replay)}`);
  }
  if (writer !== undefined) io.stderr.write(`Wrote ${writer.count} events to ${options.events}\n`);
  if (options.out !== undefined) {
    let written: readonly string[];
    try {
      written = await writeReport(resolve(cwd, options.out), {
        sim,
        metrics,
        availability,
        traffic: traffic ?? undefined,
        slo: slo ?? undefined,
        autoscaling: autoscaling ?? undefined,
        nodeScaling: nodeScaling ?? undefined,
        functions: functions ?? undefined,
        scenario: loaded.name,
        strategy: strategy ?? sim.scenario.scheduler.strategy,
        seed: seed ?? sim.scenario.seed,
      });
    } catch (error) {
      throw new CliError(`--out: cannot write '${options.out}': ${(error as Error).message}`, EXIT_CODES.runtime);
    }
    io.stderr.write(`Wrote the report to ${options.out}: ${written.map((p) => p.split(/[\\/]/).pop()).join(', ')}\n`);
  }
}
