import { describe, expect, test } from 'vitest';
import { checkPackageContents, type PackedPackage } from './checkPackageContents.js';

const map = (sources: string[], sourcesContent?: (string | null)[]) =>
  JSON.stringify({ version: 3, file: 'index.js', sources, sourcesContent, mappings: '' });

/** A small package with everything right: the baseline each case below breaks in one way. */
function goodPackage(): { manifest: Record<string, unknown>; files: Map<string, string> } {
  return {
    manifest: {
      name: '@berth/example',
      version: '1.0.0',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
      main: './dist/index.js',
      types: './dist/index.d.ts',
      bin: { example: './bin/example.js' },
      sideEffects: ['./dist/effect.js'],
      dependencies: { '@berth/kernel': '0.1.0', yaml: '^2.0.0' },
    },
    files: new Map([
      ['package.json', '{}'],
      ['README.md', '# example'],
      ['LICENSE', 'MIT'],
      ['bin/example.js', "#!/usr/bin/env node\nimport '../dist/index.js';\n"],
      [
        'dist/index.js',
        "import { readFileSync } from 'node:fs';\nimport { parse } from 'yaml';\nimport { Environment } from '@berth/kernel';\nexport * from './effect.js';\n// import { x } from 'not-a-dependency' in a comment is no import\n//# sourceMappingURL=index.js.map\n",
      ],
      ['dist/index.js.map', map(['../src/index.ts'], ['export {};'])],
      ['dist/index.d.ts', "import type { Environment } from '@berth/kernel';\nexport declare const x: Environment;\n"],
      ['dist/effect.js', 'globalThis.example = 1;\n'],
    ]),
  };
}

function issuesOf(change: (pkg: ReturnType<typeof goodPackage>) => void): string[] {
  const pkg = goodPackage();
  change(pkg);
  return checkPackageContents(pkg as PackedPackage);
}

describe('checkPackageContents', () => {
  test('finds nothing wrong with a well-formed package', () => {
    expect(issuesOf(() => {})).toEqual([]);
  });

  test.each([
    ['dist/Agenda.test.js', 'a compiled test'],
    ['dist/Agenda.prop.test.d.ts', 'a compiled test'],
    ['dist/test/helpers.js', 'a test folder'],
    ['dist/testing/arbitraries.js', 'a test folder'],
    ['tsconfig.build.tsbuildinfo', 'a TypeScript build cache'],
    ['src/index.ts', 'a TypeScript source'],
  ])('refuses %s (%s)', (path, what) => {
    expect(issuesOf((pkg) => pkg.files.set(path, ''))).toEqual([
      expect.stringMatching(new RegExp(`^${path.replaceAll('.', '\\.')} is ${what}`)),
    ]);
  });

  test('wants a README and a LICENSE', () => {
    expect(
      issuesOf((pkg) => {
        pkg.files.delete('README.md');
        pkg.files.delete('LICENSE');
      }),
    ).toEqual(['README.md is missing', 'LICENSE is missing']);
  });

  test('a source map must embed its sources or point at shipped files', () => {
    expect(issuesOf((pkg) => pkg.files.set('dist/index.js.map', map(['../src/index.ts'])))).toEqual([
      'dist/index.js.map maps to ../src/index.ts, which is neither shipped nor embedded (sourcesContent)',
    ]);
    expect(
      issuesOf((pkg) => {
        pkg.files.set('dist/index.js.map', map(['../src/index.ts'], [null]));
        pkg.files.set('src/index.ts', 'export {};');
      }),
    ).toEqual([expect.stringMatching(/^src\/index\.ts is a TypeScript source/)]);
    expect(issuesOf((pkg) => pkg.files.delete('dist/index.js.map'))).toEqual([
      'dist/index.js names the source map index.js.map, which is not shipped',
    ]);
  });

  test('every file the manifest names is shipped', () => {
    expect(
      issuesOf((pkg) => {
        pkg.files.delete('dist/index.d.ts');
        pkg.files.delete('dist/effect.js');
      }),
    ).toEqual([
      'exports["."]["types"] names ./dist/index.d.ts, which is not shipped',
      'types names ./dist/index.d.ts, which is not shipped',
      'sideEffects names ./dist/effect.js, which is not shipped',
    ]);
    expect(
      issuesOf((pkg) => {
        pkg.manifest.exports = { '.': { '@berth/source': './src/index.ts', types: './dist/index.d.ts' } };
      }),
    ).toEqual([
      'exports["."] lists @berth/source before types; TypeScript takes the first condition that matches',
      'exports["."]["@berth/source"] names ./src/index.ts, which is not shipped',
    ]);
  });

  test('a bin needs its #! line; sideEffects must be declared', () => {
    expect(
      issuesOf((pkg) => {
        pkg.files.set('bin/example.js', "import '../dist/index.js';\n");
        delete pkg.manifest.sideEffects;
      }),
    ).toEqual([
      'bin.example (./bin/example.js) has no #! line',
      'sideEffects is not declared (false, or the files that have effects when imported)',
    ]);
  });

  test('dependencies are real ranges, and every imported package is one of them', () => {
    expect(
      issuesOf((pkg) => {
        pkg.manifest.dependencies = { '@berth/kernel': 'workspace:*' };
      }),
    ).toEqual([
      'dependencies.@berth/kernel is still workspace:*',
      "dist/index.js imports yaml, but yaml is not among the package's dependencies",
    ]);
    expect(
      issuesOf((pkg) => pkg.files.set('dist/extra.d.ts', "export type { Arbitrary } from 'fast-check/lib/types';\n")),
    ).toEqual(["dist/extra.d.ts imports fast-check/lib/types, but fast-check is not among the package's dependencies"]);
  });
});
