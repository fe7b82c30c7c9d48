import { main } from '../src/main.js';

/** What one call of the command printed and returned. */
export interface MainResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `berth <argv>` in this process with captured output, relative paths resolved against `cwd`. */
export async function runMain(argv: readonly string[], cwd: string, clock?: () => number): Promise<MainResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    clock,
  });
  return { code, stdout, stderr };
}

/** A wall clock that advances `step` ms at every reading, so timings in output are fixed. */
export function fakeClock(step = 10): () => number {
  let now = 0;
  return () => (now += step);
}
