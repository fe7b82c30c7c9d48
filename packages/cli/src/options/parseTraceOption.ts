import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { TRACE_STREAMS } from '@berth/workloads';
import { CliError } from '../CliError.js';

/** One `--trace <format>:<files>` option: a trace format and its files, in reading order. */
export interface TraceOption {
  readonly format: string;
  readonly files: readonly string[];
}

/**
 * Parses `--trace google-2011-task-events:part-*.csv.gz` (files separated by commas; `*` and `?` in a
 * file's name are expanded here, sorted by name, since a shell leaves a word with a colon alone).
 * Files are resolved against `cwd`.
 */
export function parseTraceOption(text: string, cwd: string): TraceOption {
  const colon = text.indexOf(':');
  const formats = Object.keys(TRACE_STREAMS).join(', ');
  if (colon <= 0 || colon === text.length - 1) {
    throw new CliError(
      `--trace: expected <format>:<files> such as google-2011-task-events:part-*.csv.gz, got '${text}'`,
    );
  }
  const format = text.slice(0, colon);
  if (!Object.hasOwn(TRACE_STREAMS, format)) {
    throw new CliError(`--trace: unknown trace format '${format}'; known: ${formats}`);
  }
  const files = text
    .slice(colon + 1)
    .split(',')
    .filter((f) => f !== '')
    .flatMap((pattern) => expand(pattern, cwd));
  return { format, files };
}

function expand(pattern: string, cwd: string): string[] {
  const name = basename(pattern);
  if (!/[*?]/.test(name)) return [resolve(cwd, pattern)];
  const dir = resolve(cwd, dirname(pattern));
  const regex = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new CliError(`--trace: cannot read the directory of '${pattern}'`);
  }
  const matched = entries.filter((e) => regex.test(e)).sort();
  if (matched.length === 0) throw new CliError(`--trace: no file matches '${pattern}'`);
  return matched.map((e) => join(dir, e));
}
