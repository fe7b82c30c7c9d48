import { CliError } from '../CliError.js';
import { type CompareRun, type CompareShardFile, SHARD_FORMAT } from './CompareRun.js';

/**
 * Checks that `data` (parsed from `file`) is what `berth compare --shard` writes; exit 1 naming the
 * file and the first field that is wrong.
 */
export function readShard(file: string, data: unknown): CompareShardFile {
  const fail = (what: string) => new CliError(`${file}: ${what}`);
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== SHARD_FORMAT) {
    throw fail(`not the output of berth compare --shard (expected "format": "${SHARD_FORMAT}")`);
  }
  const d = data as Record<string, unknown>;
  const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const isIntegers = (v: unknown) => Array.isArray(v) && v.every((x) => Number.isSafeInteger(x));
  if (typeof d.scenario !== 'string') throw fail('scenario: expected text');
  if (typeof d.scenarioHash !== 'string') throw fail('scenarioHash: expected text');
  if (!isStrings(d.strategies)) throw fail('strategies: expected a list of names');
  if (!isIntegers(d.seeds)) throw fail('seeds: expected a list of integers');
  if (!(d.until === null || typeof d.until === 'number')) throw fail('until: expected a number of ms or null');
  const shard = d.shard as { index?: unknown; count?: unknown } | undefined;
  if (
    typeof shard !== 'object' ||
    shard === null ||
    !Number.isSafeInteger(shard.count) ||
    !Number.isSafeInteger(shard.index) ||
    !((shard.index as number) >= 1 && (shard.index as number) <= (shard.count as number))
  ) {
    throw fail('shard: expected { index, count } with 1 <= index <= count');
  }
  if (!Array.isArray(d.runs)) throw fail('runs: expected a list');
  (d.runs as unknown[]).forEach((run, i) => {
    const r = run as Partial<CompareRun> | null;
    if (
      typeof r !== 'object' ||
      r === null ||
      typeof r.strategy !== 'string' ||
      !Number.isSafeInteger(r.seed) ||
      typeof r.metrics !== 'object' ||
      r.metrics === null
    ) {
      throw fail(`runs[${i}]: expected { strategy, seed, metrics }`);
    }
  });
  return data as CompareShardFile;
}
