import { CliError } from '../CliError.js';

/** A fraction in (0, 1] such as `0.1` → its value; exit 1 with the option's name otherwise. */
export function parseFractionOption(option: string, text: string): number {
  const value = /^\s*[0-9]*\.?[0-9]+(e-?[0-9]+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && value <= 1))
    throw new CliError(`${option}: expected a fraction in (0, 1] such as 0.1, got '${text}'`);
  return value;
}
