import { parseDuration } from '@berth/cluster';
import { CliError } from '../CliError.js';

/** A simulated time or duration given on the command line (`90s`, `1h`, `1h30m`, or ms) → ms; exit 1 when malformed. */
export function parseTimeOption(option: string, text: string): number {
  const value = parseDuration(/^\s*[0-9]+(\.[0-9]+)?\s*$/.test(text) ? Number(text) : text);
  if (typeof value === 'string') throw new CliError(`${option}: ${value}`);
  return value;
}
