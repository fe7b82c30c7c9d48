import { argumentError, type ConfigError } from '../errors.js';

/**
 * The error for a bad distribution or stream parameter: names the parameter, says what was expected
 * and shows the value received. Kept out of line so that the hot sampling methods stay small enough
 * to inline; they only call it on the failure path.
 */
export function invalidParameter(name: string, expected: string, got: unknown): ConfigError {
  return argumentError(name, `expected ${expected}, got ${describe(got)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
