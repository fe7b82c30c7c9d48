import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

// The sweep recipes of docs/guides/sweeps.md, run as written: every slice's shell command runs under sh with
// the variables the Job controller or the CI runner would set, against a `berth` on PATH that records its
// arguments and runs the workspace's berth; the merged table must be the unsharded comparison, byte for byte.

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'berth-sweeps-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A berth that logs each call's arguments, one line per call, then runs the real one.
const bin = join(work, 'bin');
mkdirSync(bin);
writeFileSync(
  join(bin, 'berth'),
  `#!/bin/sh\nprintf '%s\\n' "$*" >> "$BERTH_CALLS"\nexec "${process.execPath}" "${join(root, 'packages/cli/bin/berth.js')}" "$@"\n`,
);
chmodSync(join(bin, 'berth'), 0o755);

/** Runs `script` with sh in `cwd`, with `env` added and the recording berth first on PATH. */
async function sh(script: string, cwd: string, env: Record<string, string>): Promise<void> {
  await run('sh', ['-c', script], { cwd, env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` } });
}

/** The calls the recording berth saw, as argument strings. */
const calls = (log: string) => readFileSync(log, 'utf8').trimEnd().split('\n');

/** The same comparison unsharded: a slice's arguments without `--shard i/n`, its table as text. */
async function unsharded(sliceArgs: string, cwd: string): Promise<string> {
  const args = sliceArgs.replace(/ --shard \S+/, '').split(' ');
  return (await run(process.execPath, [join(root, 'packages/cli/bin/berth.js'), ...args], { cwd })).stdout;
}

interface Container {
  env: Array<{ name: string; value: string }>;
  command: string[];
  args: string[];
}
interface Job {
  apiVersion: string;
  kind: string;
  spec: { completionMode?: string; completions: number; template: { spec: { containers: Container[] } } };
}
const containerOf = (job: Job): Container => job.spec.template.spec.containers[0]!;
const envOf = (c: Container) => Object.fromEntries(c.env.map((e) => [e.name, e.value]));

describe('the Kubernetes Indexed Job', () => {
  const docs = parseAllDocuments(readFileSync(join(here, 'sweeps/compare-job.yaml'), 'utf8'));
  for (const doc of docs) expect(doc.errors).toEqual([]);
  const [compare, merge] = docs.map((d) => d.toJS() as Job) as [Job, Job];

  it('is an Indexed Job whose SHARDS is its completions, then a merge Job', () => {
    expect(compare).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', spec: { completionMode: 'Indexed' } });
    expect(Number(envOf(containerOf(compare)).SHARDS)).toBe(compare.spec.completions);
    expect(containerOf(compare).command).toEqual(['sh', '-c']);
    expect(merge).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job' });
    expect(merge.spec.completionMode).toBeUndefined();
  });

  it('pod i runs slice i+1 of n, and the merge Job prints the unsharded comparison byte for byte', async () => {
    const dir = join(work, 'job');
    mkdirSync(dir);
    copyFileSync(join(root, 'docs/scenarios/zone-outage.yaml'), join(dir, 'scenario.yaml'));
    const log = join(dir, 'calls.txt');
    // The paths the manifest mounts, moved into the temporary directory.
    const env = { SCENARIO: join(dir, 'scenario.yaml'), RESULTS_DIR: dir, BERTH_CALLS: log };
    const container = containerOf(compare);
    const n: number = compare.spec.completions;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        sh(container.args[0]!, dir, { ...envOf(container), ...env, JOB_COMPLETION_INDEX: String(i) }),
      ),
    );
    const slices = calls(log).map((args) => /--shard (\S+)/.exec(args)?.[1]);
    expect(slices.sort()).toEqual(Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));

    await sh(containerOf(merge).args[0]!, dir, { ...envOf(containerOf(merge)), ...env });
    const expected = await unsharded(calls(log)[0]!, dir);
    expect(readFileSync(join(dir, 'comparison.txt'), 'utf8')).toBe(expected);
    expect(calls(log).at(-1)).toMatch(/^merge /);
  });
});

describe('the GitHub Actions matrix', () => {
  const workflow = parseAllDocuments(readFileSync(join(here, 'sweeps/compare-matrix.yml'), 'utf8'))[0]!.toJS();
  const shards: number[] = workflow.jobs.slice.strategy.matrix.shard;
  const step = (job: string, word: string): string =>
    workflow.jobs[job].steps.find((s: { run?: string }) => s.run?.startsWith(word)).run;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, replaced as the runner does
  const withShard = (text: string, shard: number) => text.replaceAll('${{ matrix.shard }}', String(shard));

  it('lists every slice once, runs after them a merge of their outputs, and the merge is the unsharded table', async () => {
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(workflow.jobs.merge.needs).toBe('slice');
    const dir = join(work, 'matrix');
    mkdirSync(dir);
    copyFileSync(join(root, 'docs/scenarios/zone-outage.yaml'), join(dir, 'scenario.yaml'));
    const log = join(dir, 'calls.txt');
    await Promise.all(shards.map((s) => sh(withShard(step('slice', 'berth compare'), s), dir, { BERTH_CALLS: log })));
    const slices = calls(log).map((args) => /--shard (\S+)/.exec(args)?.[1]);
    expect(slices.sort()).toEqual(shards.map((s) => `${s}/${shards.length}`));

    await sh(step('merge', 'berth merge'), dir, { BERTH_CALLS: log });
    const expected = await unsharded(calls(log)[0]!, dir);
    expect(readFileSync(join(dir, 'comparison.txt'), 'utf8')).toBe(expected);
  });
});
