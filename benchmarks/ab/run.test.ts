// The tool end to end, at smoke size, as CI's machine runs it. It compares the working tree with itself
// (--against-itself: both sides from the TypeScript sources), which skips building a ref: that step takes
// half a minute to minutes (see CompiledBuild.test.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { abCases, SMOKE_SIZES } from './abCases.js';

const benchmarks = fileURLToPath(new URL('..', import.meta.url));
const runTool = (args: readonly string[]) =>
  spawnSync(process.execPath, ['--expose-gc', '--conditions=@berth/source', '--import', 'tsx', 'ab/run.ts', ...args], {
    cwd: benchmarks,
    encoding: 'utf8',
  });

describe('bench:ab', () => {
  it('runs every case on both sides and reports each with a ratio and a verdict', () => {
    const run = runTool(['--', '--smoke', '--against-itself']);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    for (const c of abCases(SMOKE_SIZES)) {
      // One row by wall time, one by CPU time.
      const rows = run.stdout.split('\n').filter((line) => line.startsWith(`| ${c.title} |`));
      expect(rows, c.title).toHaveLength(2);
      for (const row of rows) {
        expect(row).toMatch(/\| \d[\d.]*× \(/);
        expect(row).toContain('no verdict (fewer than 6 rounds)');
      }
      expect(run.stdout).toContain(`- ${c.id}: the same on both sides in every run: `);
    }
    // The cluster cases also compared their whole event streams.
    expect(run.stdout.match(/; event stream: \d+ events, stream sha256 [0-9a-f]{16}/g)).toHaveLength(3);
  });

  it('runs only the cases asked for, and refuses an unknown one or a missing ref', () => {
    const only = runTool(['--smoke', '--against-itself', '--only', 'basic']);
    expect(only.status).toBe(0);
    expect(only.stdout).toContain('| SchedulingBasic, kubernetes: 200 hosts, 400 containers |');
    expect(only.stdout).not.toContain('| kernel,');
    const unknown = runTool(['--smoke', '--against-itself', '--only', 'nope']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('--only: no case nope; the cases are generator, callback');
    const neither = runTool(['--smoke']);
    expect(neither.status).not.toBe(0);
    expect(neither.stderr).toContain('give --ref <git ref>');
  });
});
