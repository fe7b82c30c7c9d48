/** One problem found in user input, located by a path such as `hosts[2].capacity.cpu`. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
  readonly code?: string | undefined;
}

/** Formats a path of keys and indexes the way zod prints them: `hosts[2].capacity.cpu`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Bad input: a scenario, a trace line or an API argument. Carries every issue found, each by path,
 * so that one run of the validator reports all of them.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], source?: string) {
    const head = source === undefined ? 'Invalid input' : `Invalid ${source}`;
    const lines = issues.map((i) => `  ✖ ${i.message}\n    → at ${i.path}`);
    super(`${head} (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.issues = issues;
  }
}

/** Builds a one-issue ConfigError for a bad API argument. */
export function argumentError(path: string, message: string): ConfigError {
  return new ConfigError([{ path, message, code: 'invalid_argument' }], 'argument');
}

/**
 * A broken invariant inside a running simulation (a bug in the model or in a plugin), named by the
 * simulated time and the sequence number of the event that was executing.
 */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  readonly at: number;
  readonly seq: number;

  constructor(message: string, at: number, seq: number, options?: { cause?: unknown }) {
    super(`${message} (at t=${at} ms, event #${seq})`, options);
    this.at = at;
    this.seq = seq;
  }
}
