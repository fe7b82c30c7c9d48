import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { CliError } from '../CliError.js';
import type { ComparePlan, CompareShardFile } from '../compare/CompareRun.js';
import { SHARD_FORMAT } from '../compare/CompareRun.js';
import { formatComparison } from '../compare/formatComparison.js';
import { parseSeeds } from '../compare/parseSeeds.js';
import { inShard, parseShard, type Shard } from '../compare/parseShard.js';
import { type ComparePair, runComparison } from '../compare/runComparison.js';
import { summarizeComparison } from '../compare/summarizeComparison.js';
import { checkStrategy } from '../options/checkStrategy.js';
import { parseIntegerOption } from '../options/parseIntegerOption.js';
import { parseTimeOption } from '../options/parseTimeOption.js';
import { loadScenario } from '../scenario/loadScenario.js';
import { reportWarnings, STRICT_HELP } from '../scenario/reportWarnings.js';
import { asCliError } from './asCliError.js';
import { type CommandContext, EXIT_CODES_HELP } from './CommandContext.js';

interface CompareOptions {
  readonly strategies: string;
  readonly seeds: string;
  readonly until?: string;
  readonly shard?: string;
  readonly json?: boolean;
  readonly workers?: string;
  readonly strict?: boolean;
}

/** `berth compare <scenario> --strategies a,b --seeds 1-10`: strategies side by side on common random numbers. */
export function registerCompareCommand(program: Command, context: CommandContext): void {
  program
    .command('compare')
    .description(
      'Run a scenario under several strategies with the same seeds (common random numbers) and compare their metrics.',
    )
    .argument('<scenario>', 'scenario file, YAML or JSON')
    .requiredOption('--strategies <names>', 'comma-separated strategies or presets, e.g. best-fit,worst-fit,kubernetes')
    .requiredOption('--seeds <list>', 'seeds to run each strategy with: 1-10, 1,2,5 or 1-3,7')
    .option('--until <time>', "stop each run at this simulated time (default: the scenario's horizon)")
    .option('--shard <i/n>', 'run only slice i of n of the (strategy, seed) pairs and print it as JSON for berth merge')
    .option('--workers <k>', 'worker threads; 0 runs in this thread (default: available parallelism)')
    .option('--json', 'print the comparison (every run and the summary) as JSON')
    .option('--strict', STRICT_HELP)
    .addHelpText(
      'after',
      '\nThe table shows, per strategy, the mean over seeds ± the half-width of its 95% confidence interval\n' +
        '(t distribution). With --shard, n independent jobs (a CI matrix, a Kubernetes Indexed Job) each run\n' +
        'one slice; `berth merge` joins their outputs into the same table.' +
        EXIT_CODES_HELP,
    )
    .action((file: string, options: CompareOptions) => compareAction(file, options, context));
}

async function compareAction(file: string, options: CompareOptions, context: CommandContext): Promise<void> {
  const { io, cwd } = context;
  const strategies = parseStrategies(options.strategies);
  const seeds = parseSeeds('--seeds', options.seeds);
  const until = options.until === undefined ? undefined : parseTimeOption('--until', options.until);
  const shard: Shard | undefined = options.shard === undefined ? undefined : parseShard('--shard', options.shard);
  const workers =
    options.workers === undefined ? availableParallelism() : parseIntegerOption('--workers', options.workers, 0, 1024);
  // Every run names its strategy: the scenario's own is not read.
  const loaded = loadScenario(file, cwd, strategies[0]);
  reportWarnings(loaded, options.strict, io);
  const traced = loaded.scenario.streams.findIndex((w) => w.trace !== undefined);
  if (traced >= 0) {
    throw new CliError(
      `${file}: streams[${traced}] reads a trace as the run goes, which berth compare does not do yet: compare with berth run --strategy, one run per strategy`,
    );
  }
  const plan: ComparePlan = {
    scenario: loaded.name,
    scenarioHash: loaded.hash,
    strategies,
    seeds,
    until: until ?? null,
  };
  const pairs: ComparePair[] = [];
  let k = 0;
  for (const strategy of strategies) {
    for (const seed of seeds) {
      if (shard === undefined || inShard(k, shard)) pairs.push({ strategy, seed });
      k++;
    }
  }
  const bar =
    io.progress !== undefined && options.json !== true && shard === undefined
      ? new SingleBar({ stream: io.progress, format: '{bar} {value}/{total} runs', clearOnComplete: true, barsize: 30 })
      : undefined;
  bar?.start(pairs.length, 0);
  let runs: Awaited<ReturnType<typeof runComparison>>;
  try {
    runs = await runComparison(loaded, until, pairs, workers, (done) => bar?.update(done));
  } catch (error) {
    throw asCliError(error, file);
  } finally {
    bar?.stop();
  }
  if (shard !== undefined) {
    const out: CompareShardFile = { format: SHARD_FORMAT, ...plan, shard, runs };
    io.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const comparison = summarizeComparison(plan, runs);
  io.stdout.write(options.json === true ? `${JSON.stringify(comparison)}\n` : formatComparison(comparison));
}

function parseStrategies(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new CliError(`--strategies: expected names such as best-fit,worst-fit, got '${text}'`);
  const seen = new Set<string>();
  for (const name of names) {
    checkStrategy('--strategies', name);
    if (seen.has(name)) throw new CliError(`--strategies: '${name}' is listed twice`);
    seen.add(name);
  }
  return names;
}
