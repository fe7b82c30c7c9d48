import { CliError } from '../CliError.js';

/** One slice of a sweep: slice `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * `i/n` → slice i of n, 1-based like Jest's and Playwright's `--shard` (a Kubernetes Indexed Job's
 * 0-based JOB_COMPLETION_INDEX is `$((JOB_COMPLETION_INDEX + 1))/n`). Exit 1 when malformed.
 */
export function parseShard(option: string, text: string): Shard {
  const match = /^\s*([0-9]+)\s*\/\s*([0-9]+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(count) || count < 1 || !(index >= 1 && index <= count)) {
    throw new CliError(`${option}: expected i/n with 1 <= i <= n, such as 1/4, got '${text}'`);
  }
  return { index, count };
}

/** Whether pair number `k` (0-based, in strategy-major order) belongs to `shard`: pairs are dealt round-robin. */
export function inShard(k: number, shard: Shard): boolean {
  return k % shard.count === shard.index - 1;
}
