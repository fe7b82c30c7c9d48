import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelSize } from './modelSize.js';

/** Debian's python3-simpy3 installs for the system Python, so that is the interpreter used. */
export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./simpyModel.py', import.meta.url));
const NOT_IMPORTABLE = 3;

/** One timed run of the SimPy model, as measured inside Python (interpreter start-up excluded). */
export interface SimpyRun {
  readonly seconds: number;
  readonly events: number;
  readonly endTime: number;
  readonly version: string;
}

function callPython(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8' });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Why SimPy cannot be used here, or null when it can. Installs nothing. */
export function simpyUnavailableReason(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import simpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return `SimPy is not importable by ${PYTHON} (on Debian: apt-get install python3-simpy3)`;
  return null;
}

function parse<T>(args: readonly string[]): T {
  const { status, stdout, stderr } = callPython(args);
  if (status === NOT_IMPORTABLE) throw new Error(stderr.trim());
  if (status !== 0) throw new Error(`${PYTHON} ${SCRIPT} ${args.join(' ')} exited with ${status}: ${stderr.trim()}`);
  return JSON.parse(stdout) as T;
}

/** Runs the reference model once in a fresh Python process. */
export function runSimpyModel(size: ModelSize, seed: number): SimpyRun {
  return parse<SimpyRun>(['run', String(size.processes), String(size.timeouts), String(seed)]);
}

/** Bytes per pending `env.timeout`, by tracemalloc, with `count` of them pending. */
export function simpyPendingBytes(count: number, seed: number): number {
  return parse<{ bytesPerEvent: number }>(['pending', String(count), String(seed)]).bytesPerEvent;
}
