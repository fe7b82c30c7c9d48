import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import {
  LIMITS,
  type ParseScenarioOptions,
  parsedFrom,
  parseScenario,
  parseScenarioText,
  type Scenario,
  type ScenarioInput,
  scenarioWarnings,
  simulationChecks,
} from '@berth/cluster';
import { ConfigError } from '@berth/kernel';
import { TRACE_STREAMS } from '@berth/workloads';
import { CliError } from '../CliError.js';
import { formatIssue } from '../format/formatIssue.js';
import { hasDuplicateJsonKey } from './hasDuplicateJsonKey.js';

/** A scenario file read and validated: the input as written (for createSimulation) and the parsed form. */
export interface LoadedScenario {
  /** The path as the user gave it, for messages. */
  readonly file: string;
  readonly input: ScenarioInput;
  readonly scenario: Scenario;
  /** The scenario's `name`, or the file's name without its extension. */
  readonly name: string;
  /** SHA-256 of the file's text: shards of one comparison must agree on it. */
  readonly hash: string;
  /** The scenario's warnings (see scenarioWarnings), one line each: `file:line: path: message`. */
  readonly warnings: readonly string[];
}

/**
 * Reads a YAML or JSON scenario and validates it, with the names a run resolves (strategy, scorers,
 * policies, trace formats; `strategy` given when an option replaces the scenario's; `streamsAdded` when
 * `--trace` adds streams, which may add the hosts). Throws a
 * {@link CliError} (exit 1) with one line per problem, each naming the file, the line and the path
 * (`first.yaml:7: hosts[0].capacity.cpu: ...`).
 */
export function loadScenario(file: string, cwd: string, strategy?: string, streamsAdded = false): LoadedScenario {
  const check = simulationChecks({ strategy, traceStreams: TRACE_STREAMS });
  return parseScenarioFile(file, readText(file, cwd), { check, streamsAdded });
}

/**
 * {@link loadScenario} for text already read; `file` names it in messages and decides JSON or YAML.
 * `options.check` adds checks to the same pass (`berth validate` checks the names a run would).
 */
export function parseScenarioFile(file: string, text: string, options: ParseScenarioOptions = {}): LoadedScenario {
  // YAML goes to parseScenarioText, which bounds the size and nesting before anything recursive reads
  // it; JSON.parse does not recurse (faster for large files), and parseScenario bounds the nesting of
  // what it returns. JSON is YAML, so a JSON text over the size limit gets parseScenarioText's error.
  const json = extname(file).toLowerCase() === '.json' && text.length <= LIMITS.documentLength;
  try {
    const data: unknown = json ? JSON.parse(text) : undefined;
    // JSON.parse keeps the last of duplicate keys in silence; the YAML reader names each by path and line.
    const scenario =
      json && !hasDuplicateJsonKey(text) ? parseScenario(data, file, options) : parseScenarioText(text, file, options);
    const input = parsedFrom(scenario);
    const name = scenario.name ?? basename(file, extname(file));
    const hash = createHash('sha256').update(text).digest('hex');
    // Warnings name their line, as problems do: a JSON file read by JSON.parse is read again for them.
    let found = scenarioWarnings(scenario);
    if (json && found.length > 0) found = scenarioWarnings(parseScenarioText(text, file, options));
    const warnings = found.map((issue) => formatIssue(file, issue));
    return { file, input: input!, scenario, name, hash, warnings };
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof SyntaxError)) throw error;
    if (!json && error instanceof ConfigError) throw scenarioError(file, error);
    // A JSON file's problems are located by parsing it again as YAML, with line tracking.
    try {
      parseScenarioText(text, file, options);
    } catch (located) {
      if (located instanceof ConfigError) throw scenarioError(file, located);
      throw located;
    }
    throw error instanceof ConfigError ? scenarioError(file, error) : new CliError(`${file}: ${error.message}`);
  }
}

/** A file's text; exit 1 with the file named when it cannot be read. */
export function readText(file: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`${file}: cannot read: ${why}`);
  }
}

/** A ConfigError as a CliError with one line per issue. */
export function scenarioError(file: string, error: ConfigError): CliError {
  return new CliError(error.issues.map((issue) => formatIssue(file, issue)));
}
