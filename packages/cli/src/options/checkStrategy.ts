import { STRATEGIES } from '@berth/cluster';
import { CliError } from '../CliError.js';

/** A strategy or preset name from the command line, checked against the built-in ones (exit 1 when unknown). */
export function checkStrategy(option: string, name: string): string {
  if (Object.hasOwn(STRATEGIES, name)) return name;
  throw new CliError(`${option}: unknown strategy '${name}'; known: ${Object.keys(STRATEGIES).join(', ')}`);
}
