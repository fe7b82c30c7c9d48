/** One run of a comparison: a strategy on a seed, and its compared figures (see COMPARE_METRICS). */
export interface CompareRun {
  readonly strategy: string;
  readonly seed: number;
  readonly metrics: Readonly<Record<string, number | null>>;
}

/** What every shard of one comparison shares; `berth merge` checks that its inputs agree on it. */
export interface ComparePlan {
  /** The scenario's name and the SHA-256 of its file. */
  readonly scenario: string;
  readonly scenarioHash: string;
  readonly strategies: readonly string[];
  readonly seeds: readonly number[];
  /** Stop time in ms, or null for the scenario's horizon. */
  readonly until: number | null;
}

/** The JSON `berth compare --shard i/n` writes and `berth merge` reads. */
export interface CompareShardFile extends ComparePlan {
  readonly format: typeof SHARD_FORMAT;
  readonly shard: { readonly index: number; readonly count: number };
  readonly runs: readonly CompareRun[];
}

/** The `format` tag of a shard file. */
export const SHARD_FORMAT = 'berth-compare-shard/1';
