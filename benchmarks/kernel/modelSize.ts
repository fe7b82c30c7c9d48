/** The shape of the reference model: `processes` independent walkers, each waiting `timeouts` times. */
export interface ModelSize {
  readonly processes: number;
  readonly timeouts: number;
}

/** What one run of a model reports; `endTime` lets the harness check that every variant did the same work. */
export interface ModelOutcome {
  /** Timeouts processed: processes × timeouts (process start and end entries are not counted). */
  readonly events: number;
  /** Simulated time when the last timeout fired. */
  readonly endTime: number;
}

/** The stream every JavaScript variant draws its delays from, so they all see one sequence of draws. */
export const STREAM_NAME = 'kernel-benchmark';
