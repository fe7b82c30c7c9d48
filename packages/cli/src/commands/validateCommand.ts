import { createSimulation, simulationChecks } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';
import { TRACE_STREAMS } from '@berth/workloads';
import type { Command } from 'commander';
import { CliError } from '../CliError.js';
import { parseScenarioFile, readText, scenarioError } from '../scenario/loadScenario.js';
import { reportWarnings, STRICT_HELP } from '../scenario/reportWarnings.js';
import { type CommandContext, EXIT_CODES_HELP } from './CommandContext.js';

/** `berth validate <scenario>`: every problem of a scenario by file, line and path; exit 1 if any. */
export function registerValidateCommand(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description('Check a scenario without running it: every problem, by line and path.')
    .argument('<scenario>', 'scenario file, YAML or JSON')
    .option('--strict', STRICT_HELP)
    .addHelpText('after', EXIT_CODES_HELP)
    .action((file: string, options: { readonly strict?: boolean }) => validateAction(file, options.strict, context));
}

function validateAction(file: string, strict: boolean | undefined, context: CommandContext): void {
  const { io, cwd } = context;
  const text = readText(file, cwd);
  let problems: readonly string[];
  try {
    // The names a run reads (strategy, scorers, policies, trace formats) are checked in the same pass.
    const loaded = parseScenarioFile(file, text, { check: simulationChecks({ traceStreams: TRACE_STREAMS }) });
    // Building the simulation checks what the schema cannot: strategy and scorer names, for instance.
    createSimulation(loaded.scenario, { eventLog: { keep: 'none' }, traceStreams: TRACE_STREAMS });
    // Warnings go to stderr; with --strict they are problems like any other.
    if (strict === true && loaded.warnings.length > 0) throw new CliError(loaded.warnings);
    reportWarnings(loaded, false, io);
    const s = loaded.scenario;
    const hosts = s.hosts.reduce((n, g) => n + g.count, 0);
    const tasks = Object.values(s.jobs).reduce((n, j) => n + j.tasks.reduce((m, t) => m + t.count, 0), 0);
    const replicas = Object.values(s.services).reduce((n, svc) => n + svc.replicas, 0);
    io.stdout.write(
      `${file}: valid — ${plural(hosts, 'host')}, ${plural(Object.keys(s.services).length, 'service')} ` +
        `(${plural(replicas, 'replica')}), ${plural(Object.keys(s.jobs).length, 'job')} (${plural(tasks, 'task')}), ` +
        `${plural(s.containers.length, 'standalone container')}; strategy ${s.scheduler.strategy}\n`,
    );
    return;
  } catch (error) {
    if (error instanceof CliError) problems = error.lines;
    else if (error instanceof ConfigError) problems = scenarioError(file, error).lines;
    else throw error;
  }
  io.stdout.write(problems.map((line) => `${line}\n`).join(''));
  throw new CliError(`${file}: ${plural(problems.length, 'problem')}`);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
