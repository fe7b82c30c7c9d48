import type { Command } from 'commander';
import { CliError } from '../CliError.js';
import type { CompareRun, CompareShardFile } from '../compare/CompareRun.js';
import { formatComparison } from '../compare/formatComparison.js';
import { readShard } from '../compare/readShard.js';
import { summarizeComparison } from '../compare/summarizeComparison.js';
import { readText } from '../scenario/loadScenario.js';
import { type CommandContext, EXIT_CODES_HELP } from './CommandContext.js';

/** `berth merge <files...>`: joins the outputs of `berth compare --shard i/n` into one comparison. */
export function registerMergeCommand(program: Command, context: CommandContext): void {
  program
    .command('merge')
    .description('Join the JSON outputs of berth compare --shard i/n into the comparison table.')
    .argument('<files...>', 'shard outputs, every slice 1/n .. n/n of one comparison')
    .option('--json', 'print the merged comparison as JSON')
    .addHelpText('after', EXIT_CODES_HELP)
    .action((files: string[], options: { json?: boolean }) => mergeAction(files, options, context));
}

function mergeAction(files: readonly string[], options: { json?: boolean }, context: CommandContext): void {
  const shards: Array<{ file: string; shard: CompareShardFile }> = [];
  for (const file of files) {
    const text = readText(file, context.cwd);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new CliError(`${file}: not valid JSON; expected the output of berth compare --shard`);
    }
    shards.push({ file, shard: readShard(file, data) });
  }
  const first = shards[0]!;
  const plan = first.shard;
  const bySlice = new Map<number, string>();
  for (const { file, shard } of shards) {
    const differs = (field: string, a: unknown, b: unknown) => {
      if (JSON.stringify(a) !== JSON.stringify(b))
        throw new CliError(`${file}: ${field} differs from ${first.file}'s: not a slice of the same comparison`);
    };
    differs('scenarioHash', shard.scenarioHash, plan.scenarioHash);
    differs('strategies', shard.strategies, plan.strategies);
    differs('seeds', shard.seeds, plan.seeds);
    differs('until', shard.until, plan.until);
    differs('shard.count', shard.shard.count, plan.shard.count);
    const again = bySlice.get(shard.shard.index);
    if (again !== undefined)
      throw new CliError(`${file}: slice ${shard.shard.index}/${shard.shard.count} is also in ${again}`);
    bySlice.set(shard.shard.index, file);
  }
  const missing: number[] = [];
  for (let i = 1; i <= plan.shard.count; i++) if (!bySlice.has(i)) missing.push(i);
  if (missing.length > 0) {
    throw new CliError(
      `missing ${missing.length === 1 ? 'slice' : 'slices'} ${missing.map((i) => `${i}/${plan.shard.count}`).join(', ')}: pass every slice's output`,
    );
  }
  // Runs in the order an unsharded comparison lists them: strategy-major, seeds in the given order.
  const byPair = new Map<string, CompareRun>();
  for (const { shard } of shards) for (const run of shard.runs) byPair.set(`${run.strategy}\u0000${run.seed}`, run);
  const runs: CompareRun[] = [];
  for (const strategy of plan.strategies) {
    for (const seed of plan.seeds) {
      const run = byPair.get(`${strategy}\u0000${seed}`);
      if (run === undefined) throw new CliError(`no run of strategy ${strategy} with seed ${seed} in the slices given`);
      runs.push(run);
    }
  }
  const comparison = summarizeComparison(
    {
      scenario: plan.scenario,
      scenarioHash: plan.scenarioHash,
      strategies: plan.strategies,
      seeds: plan.seeds,
      until: plan.until,
    },
    runs,
  );
  context.io.stdout.write(options.json === true ? `${JSON.stringify(comparison)}\n` : formatComparison(comparison));
}
