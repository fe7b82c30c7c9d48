// Building a commit (git archive, pnpm install, two tsc runs) takes half a minute to minutes on this
// machine, too slow for the test suite: these tests cover the cache key, and run.test.ts runs the tool
// end to end with --against-itself, which skips the build. `pnpm run bench:ab -- --ref <ref> --smoke`
// exercises the build itself.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILD_CACHE,
  type CompiledBuild,
  compiledEntryOnly,
  isBuildInput,
  packageEntry,
  workingTreeKey,
} from './CompiledBuild.js';

const files = (entries: Record<string, string>): Map<string, Buffer> =>
  new Map(Object.entries(entries).map(([path, text]) => [path, Buffer.from(text)]));

describe('isBuildInput', () => {
  it.each([
    ['packages/kernel/src/Environment.ts', true],
    ['packages/cluster/tsconfig.build.json', true],
    ['packages/cluster/package.json', true],
    ['packages/workloads/package.json', true],
    ['package.json', true],
    ['pnpm-lock.yaml', true],
    ['pnpm-workspace.yaml', true],
    ['tsconfig.base.json', true],
    ['packages/workloads/src/index.ts', false],
    ['packages/kernelx/src/index.ts', false],
    ['benchmarks/ab/run.ts', false],
    ['docs/guides/x.md', false],
  ])('%s: %s', (path, expected) => {
    expect(isBuildInput(path)).toBe(expected);
  });
});

describe('workingTreeKey', () => {
  const tree = {
    'package.json': '{}',
    'packages/kernel/src/index.ts': 'export {};',
    'benchmarks/RESULTS.md': '# results',
  };
  const key = workingTreeKey(files(tree));

  it('names the tree by its build inputs alone', () => {
    expect(key).toMatch(/^tree-[0-9a-f]{24}$/);
    expect(workingTreeKey(files({ ...tree, 'benchmarks/RESULTS.md': '# other' }))).toBe(key);
    expect(workingTreeKey(files({ ...tree, 'docs/new.md': 'new' }))).toBe(key);
  });

  it('changes with an input’s bytes, an input’s name, or a new input', () => {
    const keys = [
      workingTreeKey(files({ ...tree, 'packages/kernel/src/index.ts': 'export {}; ' })),
      workingTreeKey(files({ 'package.json': '{}', 'packages/kernel/src/main.ts': 'export {};' })),
      workingTreeKey(files({ ...tree, 'packages/cluster/src/index.ts': '' })),
    ];
    expect(new Set([key, ...keys]).size).toBe(4);
  });

  it('does not depend on the order the files were listed in', () => {
    expect(workingTreeKey(new Map([...files(tree)].reverse()))).toBe(key);
  });
});

describe('packageEntry', () => {
  it('points at the compiled entry of a package of the build', () => {
    const build: CompiledBuild = { label: 'x', key: 'commit-abc', root: join(BUILD_CACHE, 'commit-abc'), fresh: false };
    expect(packageEntry(build, 'cluster')).toBe(
      join(BUILD_CACHE, 'commit-abc', 'packages', 'cluster', 'dist', 'index.js'),
    );
  });
});

describe('compiledEntryOnly', () => {
  it('drops the @berth/source condition from every export and keeps the rest of the manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-ab-test-'));
    try {
      const path = join(dir, 'package.json');
      const exports = {
        '.': { '@berth/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
        './extra': { '@berth/source': './src/extra.ts', import: './dist/extra.js' },
        './package.json': './package.json',
      };
      writeFileSync(path, JSON.stringify({ name: '@berth/kernel', type: 'module', exports }));
      compiledEntryOnly(path);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
        name: '@berth/kernel',
        type: 'module',
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './extra': { import: './dist/extra.js' },
          './package.json': './package.json',
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
