import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './simpyScenarios.js';

// Each scenario runs on Berth's kernel and, in a Python process, on SimPy 3 (Debian's python3-simpy3,
// which CI installs); both must print the same log, line for line. Without SimPy the comparison is
// skipped and says why; the kernel's own unit tests pin the same outcomes with literal values.
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./simpyScenarios.py', import.meta.url));

function simpyLogs(): { version: string; logs: Record<string, string[]> } | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const run = spawnSync(PYTHON, [SCRIPT], { encoding: 'utf8' });
  if (run.error !== undefined) return run.error.message;
  if (run.status === 3) return run.stderr.trim();
  if (run.status !== 0) throw new Error(`${SCRIPT} exited with ${run.status}: ${run.stderr}`);
  const parsed = JSON.parse(run.stdout) as { simpy: string; logs: Record<string, string[]> };
  return { version: parsed.simpy, logs: parsed.logs };
}

const simpy = simpyLogs();
const skipReason = typeof simpy === 'string' ? simpy : null;

describe.skipIf(skipReason !== null)(
  `parity with SimPy${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const { logs } = simpy as Exclude<typeof simpy, string>;

    it('has the same scenarios on both sides', () => {
      expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(logs).sort());
    });

    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      it(`${name} prints what SimPy prints`, () => {
        expect(scenario()).toEqual(logs[name]);
      });
    }
  },
);
