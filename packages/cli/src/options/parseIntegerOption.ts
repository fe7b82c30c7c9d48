import { CliError } from '../CliError.js';

/** An integer option in [min, max] → its value; exit 1 with the option's name when it is not one. */
export function parseIntegerOption(
  option: string,
  text: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = /^\s*-?[0-9]+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? min === Number.MIN_SAFE_INTEGER
          ? ''
          : ` >= ${min}`
        : ` from ${min} to ${max}`;
    throw new CliError(`${option}: expected an integer${range}, got '${text}'`);
  }
  return value;
}
