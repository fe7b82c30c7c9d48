import { CliError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import type { LoadedScenario } from './loadScenario.js';

/** The help of `--strict`, the same on every command that reads a scenario. */
export const STRICT_HELP =
  "treat the scenario's warnings (values almost certainly mistaken, such as memory: 512, which is 512 bytes) as errors: exit 1";

/**
 * Prints a scenario's warnings on stderr, one `warning: file:line: path: message` line each, so that stdout
 * (the summary, --json) stays what it is; with `--strict` they are errors instead (exit 1, every one
 * listed), as a validation problem is.
 */
export function reportWarnings(loaded: LoadedScenario, strict: boolean | undefined, io: CliIo): void {
  if (loaded.warnings.length === 0) return;
  if (strict === true) throw new CliError([...loaded.warnings, strictSummary(loaded)]);
  io.stderr.write(loaded.warnings.map((line) => `warning: ${line}\n`).join(''));
}

/** `file: 2 warnings, errors with --strict`. */
function strictSummary(loaded: LoadedScenario): string {
  const n = loaded.warnings.length;
  return `${loaded.file}: ${n} warning${n === 1 ? '' : 's'}, errors with --strict`;
}
