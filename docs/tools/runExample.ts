import { execFile } from 'node:child_process';

/** What an example printed, and how it ended. */
export interface ExampleRun {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code, or null when the process was killed (by a signal or the timeout). */
  readonly code: number | null;
}

/**
 * Runs one example exactly as a reader would (`tsx --conditions=@berth/source <file>`), in a child
 * process so that examples cannot share module state and their stdout is captured byte for byte.
 * `cwd` must be the repository root, where `tsx` and the workspace packages resolve.
 */
export function runExample(file: string, cwd: string, timeoutMs = 240_000): Promise<ExampleRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--conditions=@berth/source', file],
      { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ stdout, stderr, code });
      },
    );
  });
}
