import { ConfigError, formatPath } from '@berth/kernel';
import { parse as parseYaml } from 'yaml';
import { type Scenario, type ScenarioInput, scenarioSchema } from './scenarioSchema.js';

/**
 * Validates a scenario object and applies its defaults. Throws one {@link ConfigError} listing every
 * problem by path (`hosts[2].capacity.cpu: ...`); nothing runs on a bad scenario.
 */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message, code: issue.code })),
    source,
  );
}

/** Parses scenario text, YAML or JSON (JSON is YAML), then validates it as {@link parseScenario} does. */
export function parseScenarioText(text: string, source = 'scenario'): Scenario {
  let data: unknown;
  try {
    data = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError([{ path: '(root)', message: (error as Error).message, code: 'syntax' }], source);
  }
  return parseScenario(data, source);
}

export type { Scenario, ScenarioInput };
