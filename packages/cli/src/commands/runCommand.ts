import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../CliError.js';
import { EXIT_CODES } from '../exitCodes.js';
import { formatAutoscalingSummary } from '../format/formatAutoscalingSummary.js';
import { formatAvailability } from '../format/formatAvailability.js';
import { formatRunSummary } from '../format/formatRunSummary.js';
import { formatTrafficSummary } from '../format/formatTrafficSummary.js';
import { checkStrategy } from '../options/checkStrategy.js';
import { parseIntegerOption } from '../options/parseIntegerOption.js';
import { parseTimeOption } from '../options/parseTimeOption.js';
import { writeReport } from '../report/writeReport.js';
import { metricsDocument } from '../run/metricsDocument.js';
import { NdjsonEventWriter } from '../run/NdjsonEventWriter.js';
import { ProgressBar } from '../run/ProgressBar.js';
import { runScenario } from '../run/runScenario.js';
import { loadScenario } from '../scenario/loadScenario.js';
import { asCliError } from './asCliError.js';
import { type CommandContext, EXIT_CODES_HELP } from './CommandContext.js';

interface RunOptions {
  readonly seed?: string;
  readonly until?: string;
  readonly strategy?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly events?: string;
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
      'print the metrics as one JSON object instead of the summary (with "availability"; "traffic" when the scenario has requests, "autoscaling" when it has autoscalers)',
    )
    .option(
      '--out <dir>',
      'write a report into this directory (metrics.json, report.html, charts as .svg, trace.json for Perfetto); keeps the whole event log in memory',
    )
    .option('--events <file>', 'stream every cluster event to this file as it happens, one JSON object per line')
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
  const loaded = loadScenario(file, cwd);
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
  let outcome: ReturnType<typeof runScenario>;
  try {
    outcome = runScenario(loaded.scenario, {
      seed,
      strategy,
      until,
      eventLog: options.out === undefined ? { keep: 'none' } : { keep: 'all' },
      onEvent: writer?.write,
      onProgress: bar?.update,
      clock,
    });
  } catch (error) {
    throw asCliError(error, file);
  } finally {
    bar?.stop();
    writer?.close();
  }
  const wallMs = clock() - started;
  const { sim, metrics, traffic, availability, autoscaling } = outcome;
  if (options.json === true)
    io.stdout.write(`${JSON.stringify(metricsDocument(metrics, availability, traffic, autoscaling))}\n`);
  else {
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
    if (autoscaling !== null) io.stdout.write(`\n${formatAutoscalingSummary(autoscaling)}`);
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
