import { ConfigError, SimulationError } from '@berth/kernel';
import { CliError } from '../CliError.js';
import { EXIT_CODES } from '../exitCodes.js';
import { scenarioError } from '../scenario/loadScenario.js';

/**
 * What a failed run means to the user: a ConfigError is invalid input about `file` (exit 1, one line
 * per issue); a SimulationError is a runtime error (exit 2, its message names the simulated time);
 * a CliError stays as it is. Anything else is rethrown: main reports it as an internal error.
 */
export function asCliError(error: unknown, file: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ConfigError) return scenarioError(file, error);
  if (error instanceof SimulationError) return new CliError(`${file}: ${error.message}`, EXIT_CODES.runtime);
  throw error;
}
