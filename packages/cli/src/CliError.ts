import { EXIT_CODES, type ExitCode } from './exitCodes.js';

/**
 * An error the command reports as it is, one line per entry of `lines` (no stack), then exits with
 * `exitCode`. Thrown for bad input (exit 1) and for runtime failures the user can act on (exit 2).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly lines: readonly string[];
  readonly exitCode: ExitCode;

  constructor(lines: string | readonly string[], exitCode: ExitCode = EXIT_CODES.invalid) {
    const list = typeof lines === 'string' ? [lines] : lines;
    super(list.join('\n'));
    this.lines = list;
    this.exitCode = exitCode;
  }
}
