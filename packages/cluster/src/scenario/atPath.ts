import { ConfigError } from '@berth/kernel';

/**
 * Runs `act` for one part of a scenario (`failures[2]`); a ConfigError it throws is thrown again with
 * `prefix` before every issue's path, so that an error from a part built by its own API (a failure
 * model says `mtbf` or `groups[0]`) names where the scenario says it (`failures[2].groups[0]`).
 */
export function atPath<T>(prefix: string, act: () => T): T {
  try {
    return act();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const issues = error.issues.map((issue) => ({
      ...issue,
      path: issue.path === '(root)' || issue.path === '' ? prefix : `${prefix}.${issue.path}`,
    }));
    throw new ConfigError(issues, 'scenario');
  }
}
