import { existsSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseScenario, type ScenarioInput } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';
import { convertTrace, type TraceInput, type TraceReader, type TraceRecord } from '@berth/workloads';
import type { Command } from 'commander';
import { parseDocument, stringify } from 'yaml';
import { CliError } from '../CliError.js';
import { EXIT_CODES } from '../exitCodes.js';
import { checkStrategy } from '../options/checkStrategy.js';
import { parseFractionOption } from '../options/parseFractionOption.js';
import { parseIntegerOption } from '../options/parseIntegerOption.js';
import { parseTimeOption } from '../options/parseTimeOption.js';
import { readText } from '../scenario/loadScenario.js';
import { TRACE_FORMATS } from '../trace/TRACE_FORMATS.js';
import { type CommandContext, EXIT_CODES_HELP } from './CommandContext.js';

interface ConvertOptions {
  readonly hosts?: string;
  readonly sample?: string;
  readonly seed?: string;
  readonly limit?: string;
  readonly compress?: string;
  readonly horizon?: string;
  readonly strategy?: string;
  readonly name?: string;
  readonly out?: string;
  readonly gpu?: string;
}

/** `--gpu` values: how GPU requests become scenario requests (TraceUnits.fractionalGpu). */
const GPU_MODES = ['whole', 'milli', 'drop', 'devices'] as const;

/** Rejected rows shown in full per file; the rest are counted. */
const SHOWN_ERRORS = 10;

/** `berth trace convert <format> <file>`: a cluster trace to a scenario file. */
export function registerTraceCommand(program: Command, context: CommandContext): void {
  const trace = program.command('trace').description('Work with cluster traces.').addHelpText('after', EXIT_CODES_HELP);
  const formats = Object.entries(TRACE_FORMATS)
    .map(([name, f]) => `  ${name.padEnd(28)} ${f.description}`)
    .join('\n');
  trace
    .command('convert')
    .description('Convert a trace file (plain or gzipped CSV) into a scenario.')
    .argument('<format>', `the trace table: ${Object.keys(TRACE_FORMATS).join(', ')}`)
    .argument('<trace-file>', 'the trace file, read line by line (.gz accepted)')
    .option(
      '--hosts <file>',
      "the cluster: a YAML/JSON host list (or a scenario's hosts), or the trace's own host table (CSV)",
    )
    .option('--sample <fraction>', 'keep each job (or standalone container) with this probability, e.g. 0.1')
    .option('--seed <n>', 'seed of the sampling draws and of the scenario (default 1)')
    .option('--limit <n>', 'keep at most this many containers, the first in trace order')
    .option('--compress <factor>', 'divide arrival times and durations by this factor (60: an hour in a minute)')
    .option('--horizon <time>', "the scenario's horizon, e.g. 2h")
    .option('--strategy <name>', "the scenario's scheduler.strategy")
    .option('--name <name>', "the scenario's name")
    .option('--out <file>', 'write the scenario here (.yaml, .yml or .json) instead of standard output')
    .option(
      '--gpu <mode>',
      "GPUs (Alibaba GPU 2023): whole (default: a share asks for one whole GPU), milli (pooled milli-GPU), drop (leave shares out), devices (GPU devices of each node's model; shares placed on a device)",
    )
    .addHelpText('after', `\nFormats:\n${formats}\n${EXIT_CODES_HELP}`)
    .action((format: string, file: string, options: ConvertOptions) => convertAction(format, file, options, context));
}

async function convertAction(
  formatName: string,
  file: string,
  options: ConvertOptions,
  context: CommandContext,
): Promise<void> {
  const { io, cwd } = context;
  const format = TRACE_FORMATS[formatName];
  if (format === undefined || !Object.hasOwn(TRACE_FORMATS, formatName)) {
    throw new CliError(
      `<format>: unknown trace format '${formatName}'; known: ${Object.keys(TRACE_FORMATS).join(', ')}`,
    );
  }
  const fraction = options.sample === undefined ? undefined : parseFractionOption('--sample', options.sample);
  const seed = options.seed === undefined ? 1 : parseIntegerOption('--seed', options.seed);
  const limit = options.limit === undefined ? undefined : parseIntegerOption('--limit', options.limit, 0);
  const compress = options.compress === undefined ? undefined : parsePositive('--compress', options.compress);
  const horizon = options.horizon === undefined ? undefined : parseTimeOption('--horizon', options.horizon);
  const strategy = options.strategy === undefined ? undefined : checkStrategy('--strategy', options.strategy);
  const gpuMode = options.gpu;
  if (gpuMode !== undefined && !(GPU_MODES as readonly string[]).includes(gpuMode)) {
    throw new CliError(`--gpu: expected one of ${GPU_MODES.join(', ')}, got '${gpuMode}'`);
  }
  mustExist(file, cwd);

  const sources: Array<{ file: string; reader: TraceReader<TraceRecord> }> = [];
  let hostGroups: ScenarioInput['hosts'] | undefined;
  if (options.hosts !== undefined) {
    const hostsFile = options.hosts;
    if (['.yaml', '.yml', '.json'].includes(extname(hostsFile).toLowerCase())) {
      hostGroups = readHostList(hostsFile, cwd);
    } else {
      if (format.hosts === undefined) {
        throw new CliError(
          `--hosts: ${formatName} has no host table; give a YAML or JSON host list (a .yaml, .yml or .json file)`,
        );
      }
      mustExist(hostsFile, cwd);
      sources.push({ file: hostsFile, reader: TRACE_FORMATS[format.hosts]!.read(resolve(cwd, hostsFile)) });
    }
  }
  sources.push({ file, reader: format.read(resolve(cwd, file)) });

  const base: NonNullable<Parameters<typeof convertTrace>[1]>['base'] = {
    seed,
    ...(options.name === undefined ? {} : { name: options.name }),
    // The horizon as typed (`2h`), which the scenario file keeps readable; parsed above only to check it.
    ...(horizon === undefined ? {} : { horizon: Number.isNaN(Number(options.horizon)) ? options.horizon! : horizon }),
    ...(strategy === undefined ? {} : { scheduler: { strategy } }),
  };
  let conversion: Awaited<ReturnType<typeof convertTrace>>;
  try {
    conversion = await convertTrace(
      sources.map((s) => s.reader as TraceInput),
      {
        base,
        ...(hostGroups === undefined ? {} : { hosts: hostGroups }),
        ...(fraction === undefined ? {} : { sample: { fraction, seed } }),
        ...(limit === undefined ? {} : { limit }),
        ...(compress === undefined ? {} : { timeCompression: compress }),
        ...(gpuMode === undefined ? {} : { units: { fractionalGpu: gpuMode as (typeof GPU_MODES)[number] } }),
      },
    );
  } catch (error) {
    if (error instanceof ConfigError && error.issues[0]?.path === 'hosts') {
      throw new CliError(`${file}: the trace has no hosts: pass --hosts with a YAML or JSON host list`);
    }
    if (error instanceof ConfigError) {
      const source = sources.find((s) => error.message.includes(s.reader.format.name)) ?? sources.at(-1)!;
      throw new CliError(error.issues.map((issue) => locate(source.file, issue.path, issue.message)));
    }
    const message = (error as Error).message;
    throw new CliError(`${file}: ${message.split('\n', 1)[0]}`, EXIT_CODES.invalid);
  }

  for (const { file: name, reader } of sources) {
    const { malformed, firstErrors } = reader.report;
    for (const e of firstErrors.slice(0, SHOWN_ERRORS))
      io.stderr.write(`warning: ${name}:${e.message.replace(/^line /, '')}\n`);
    if (malformed > 0) {
      io.stderr.write(
        `warning: ${name}: ${malformed.toLocaleString('en-US')} malformed ${malformed === 1 ? 'row' : 'rows'} skipped\n`,
      );
    }
  }
  const { scenario, report } = conversion;
  try {
    parseScenario(scenario, 'converted scenario');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new CliError(error.issues.map((i) => `converted scenario: ${i.path}: ${i.message}`));
  }
  const skipped = Object.entries(report.skipped)
    .map(([reason, n]) => `${n.toLocaleString('en-US')} ${reason}`)
    .join(', ');
  io.stderr.write(
    `Converted ${report.records.toLocaleString('en-US')} records: ${report.hosts.toLocaleString('en-US')} hosts in ` +
      `${report.hostGroups} groups, ${report.jobs.toLocaleString('en-US')} jobs (${report.tasks.toLocaleString('en-US')} tasks), ` +
      `${report.containers.toLocaleString('en-US')} standalone containers` +
      `${report.truncated ? '; cut short by --limit' : ''}${skipped === '' ? '' : `; left out: ${skipped}`}\n`,
  );
  const text =
    options.out !== undefined && extname(options.out).toLowerCase() === '.json'
      ? `${JSON.stringify(scenario, null, 2)}\n`
      : stringify(scenario, { lineWidth: 0 });
  if (options.out === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    writeFileSync(resolve(cwd, options.out), text);
  } catch (error) {
    throw new CliError(`--out: cannot write '${options.out}': ${(error as Error).message}`, EXIT_CODES.runtime);
  }
  io.stderr.write(`Wrote ${options.out}\n`);
}

function mustExist(file: string, cwd: string): void {
  if (!existsSync(resolve(cwd, file))) throw new CliError(`${file}: cannot read: no such file`);
}

/** A host list file: a YAML/JSON list of host groups, or an object (a scenario) with a `hosts` list. */
function readHostList(file: string, cwd: string): ScenarioInput['hosts'] {
  const doc = parseDocument(readText(file, cwd), { uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem !== undefined) throw new CliError(`${file}: ${problem.message.split('\n', 1)[0]}`);
  const data = doc.toJS() as unknown;
  const list = Array.isArray(data) ? data : (data as { hosts?: unknown } | null)?.hosts;
  if (!Array.isArray(list) || list.length === 0) {
    throw new CliError(`${file}: expected a list of host groups, or an object with a 'hosts' list`);
  }
  // Validate the groups as a scenario would, so that a bad host list is reported against its own file.
  try {
    parseScenario({ hosts: list }, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new CliError(error.issues.map((i) => `${file}: ${i.path}: ${i.message}`));
  }
  return list as ScenarioInput['hosts'];
}

/** A reader's issue (`line 1`) as `file:1: message`. */
function locate(file: string, path: string, message: string): string {
  const line = /^line (\d+)$/.exec(path);
  return line === null ? `${file}: ${path}: ${message}` : `${file}:${line[1]}: ${message}`;
}

function parsePositive(option: string, text: string): number {
  const value = Number(text);
  if (!(text.trim() !== '' && value > 0 && Number.isFinite(value))) {
    throw new CliError(`${option}: expected a positive number, got '${text}'`);
  }
  return value;
}
