/** Somewhere the command writes text: process.stdout, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * What {@link main} reads from and writes to, so that tests capture output without a subprocess.
 * Only the `berth` binary passes a `progress` stream; without one no progress bar is drawn.
 */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** A terminal for the progress bar (process.stderr when it is a TTY); absent: no progress bar. */
  readonly progress?: NodeJS.WriteStream | undefined;
  /** Directory that relative paths are resolved against (default: process.cwd()). */
  readonly cwd?: string | undefined;
  /** Wall clock in ms for progress and timings (default: performance.now). */
  readonly clock?: (() => number) | undefined;
}
