import { formatDecision } from '@berth/cluster';
import type { Command } from 'commander';
import { CliError } from '../CliError.js';
import { formatMs } from '../format/formatMs.js';
import { checkStrategy } from '../options/checkStrategy.js';
import { parseIntegerOption } from '../options/parseIntegerOption.js';
import { parseTimeOption } from '../options/parseTimeOption.js';
import { runScenario } from '../run/runScenario.js';
import { loadScenario } from '../scenario/loadScenario.js';
import { reportWarnings, STRICT_HELP } from '../scenario/reportWarnings.js';
import { asCliError } from './asCliError.js';
import { type CommandContext, EXIT_CODES_HELP } from './CommandContext.js';

interface ExplainOptions {
  readonly container: string;
  readonly at?: string;
  readonly until?: string;
  readonly seed?: string;
  readonly strategy?: string;
  readonly json?: boolean;
  readonly strict?: boolean;
}

/** `berth explain <scenario> --container <name>`: the full scheduling decision of one placement attempt. */
export function registerExplainCommand(program: Command, context: CommandContext): void {
  program
    .command('explain')
    .description("Show why a container was placed where it was: every host's verdict and scores.")
    .argument('<scenario>', 'scenario file, YAML or JSON')
    .requiredOption('--container <name>', 'the container, e.g. web-0 (a service replica) or batch-3 (a job task)')
    .option('--at <time>', 'the attempt at or before this simulated time (default: the last attempt)')
    .option('--until <time>', "stop the run at this simulated time (default: the scenario's horizon)")
    .option('--seed <n>', "seed of every random stream (default: the scenario's seed)")
    .option('--strategy <name>', "placement strategy or preset (default: the scenario's scheduler.strategy)")
    .option('--json', 'print the decision record as JSON')
    .option('--strict', STRICT_HELP)
    .addHelpText('after', EXIT_CODES_HELP)
    .action((file: string, options: ExplainOptions) => explainAction(file, options, context));
}

function explainAction(file: string, options: ExplainOptions, context: CommandContext): void {
  const at = options.at === undefined ? Number.POSITIVE_INFINITY : parseTimeOption('--at', options.at);
  const until = options.until === undefined ? undefined : parseTimeOption('--until', options.until);
  const seed = options.seed === undefined ? undefined : parseIntegerOption('--seed', options.seed);
  const strategy = options.strategy === undefined ? undefined : checkStrategy('--strategy', options.strategy);
  const loaded = loadScenario(file, context.cwd, strategy);
  reportWarnings(loaded, options.strict, context.io);
  const name = options.container;
  let sim: ReturnType<typeof runScenario>['sim'];
  try {
    sim = runScenario(loaded.scenario, { seed, strategy, until, explain: [name] }).sim;
  } catch (error) {
    throw asCliError(error, file);
  }
  if (sim.container(name) === undefined) {
    throw new CliError(`--container: no container named '${name}' was created by ${formatMs(sim.now)}`);
  }
  const decisions = sim.decisions(name);
  let index = -1;
  for (let i = 0; i < decisions.length; i++) if (decisions[i]!.at <= at) index = i;
  if (decisions.length === 0) {
    throw new CliError(`--container: '${name}' never went through the scheduler (it is pinned to a host)`);
  }
  if (index < 0) {
    throw new CliError(
      `--at: '${name}' had no placement attempt at or before ${formatMs(at)}; its first was at ${formatMs(decisions[0]!.at)}`,
    );
  }
  const decision = decisions[index]!;
  if (options.json === true) {
    const out = { attempt: index + 1, attempts: decisions.length, decision };
    context.io.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  context.io.stdout.write(`Attempt ${index + 1} of ${decisions.length}:\n${formatDecision(decision)}`);
}
