import type { CliIo } from '../CliIo.js';

/** What every command's action gets: where to write, where relative paths start, and a wall clock. */
export interface CommandContext {
  readonly io: CliIo;
  readonly cwd: string;
  readonly clock: () => number;
}

/** The exit-code paragraph at the end of every command's --help. */
export const EXIT_CODES_HELP = '\nExit codes: 0 done, 1 invalid input or validation failure, 2 runtime error.';
