import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** A `--name` option's value as a positive integer, `fallback` when absent; a clear error otherwise. */
export function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`--${name}: expected a positive integer, got '${text}'`);
  return value;
}

/** The CPU's model name, as /proc/cpuinfo gives it on Linux, or as Node reports it elsewhere. */
export function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line !== undefined) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

/** Seconds of CPU in a `process.cpuUsage()` reading or difference: user plus system, every thread. */
export function cpuTime(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}
