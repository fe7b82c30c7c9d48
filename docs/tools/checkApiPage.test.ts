import { describe, expect, it } from 'vitest';
import { checkApiPage, type PackageExports } from './checkApiPage.js';

const kernel: PackageExports = {
  packageName: '@berth/kernel',
  indexFile: 'packages/kernel/src/index.ts',
  exports: {
    names: [
      { name: 'Environment', typeOnly: false },
      { name: 'Clock', typeOnly: true },
    ],
    problems: [],
  },
};
const cli: PackageExports = {
  packageName: '@berth/cli',
  indexFile: 'packages/cli/src/index.ts',
  exports: { names: [{ name: 'main', typeOnly: false }], problems: [] },
};
const check = (markdown: string, packages: readonly PackageExports[] = [kernel, cli]) =>
  checkApiPage(markdown, 'api.md', packages);

describe('checkApiPage', () => {
  it('accepts a page that lists exactly the exports, with subheadings and prose between entries', () => {
    const page = [
      '# Public API',
      '',
      '- a bullet in the introduction is not an entry',
      '',
      '## @berth/kernel',
      '',
      'The kernel.',
      '',
      '### Core',
      '',
      '- `Environment` — virtual time and the agenda.',
      '- `Clock` (type) — where statistics read the time.',
      '',
      '## @berth/cli',
      '',
      '- `main` — the command.',
      '',
      '## How this page is checked',
      '',
      '- prose after the last section is not an entry either',
    ].join('\n');
    expect(check(page)).toEqual([]);
  });

  it('names every export missing from the page and every entry no longer exported', () => {
    const page = ['## @berth/kernel', '- `Environment` — time.', '- `Agenda` — gone.', '## @berth/cli'].join('\n');
    expect(check(page)).toEqual([
      {
        packageName: '@berth/kernel',
        message:
          'api.md:3: `Agenda` is listed under ## @berth/kernel but packages/kernel/src/index.ts does not export it: remove the line',
      },
      {
        packageName: '@berth/kernel',
        message:
          'packages/kernel/src/index.ts exports `Clock` (type), missing from api.md: add "- `Clock` (type) — ..." under ## @berth/kernel',
      },
      {
        packageName: '@berth/cli',
        message:
          'packages/cli/src/index.ts exports `main`, missing from api.md: add "- `main` — ..." under ## @berth/cli',
      },
    ]);
  });

  it('holds the (type) mark to what the index says', () => {
    const page = ['## @berth/kernel', '- `Environment` (type) — time.', '- `Clock` — time source.'].join('\n');
    expect(check(page, [kernel]).map((issue) => issue.message)).toEqual([
      'api.md:2: `Environment` is exported as a value by packages/kernel/src/index.ts: remove " (type)"',
      'api.md:3: `Clock` is a type-only export of packages/kernel/src/index.ts: mark it " (type)"',
    ]);
  });

  it('refuses malformed and duplicate entries', () => {
    const page = [
      '## @berth/kernel',
      '- `Environment` — time.',
      '- `Environment` — again.',
      '- `Clock` [type] — the time.',
      '* `Clock` (type) — another bullet.',
      '  - `Clock` (type) — nested.',
      '- `Clock` (type) —',
      '- `Clock` (type) — the time.',
    ].join('\n');
    const form = 'write an entry as "- `Name` — what it is", with " (type)" after the name of a type-only export';
    expect(check(page, [kernel]).map((issue) => issue.message)).toEqual([
      `api.md:4: ${form}`,
      `api.md:5: ${form}`,
      `api.md:6: ${form}`,
      `api.md:7: ${form}`,
      'api.md:3: `Environment` is listed twice (also at line 2)',
    ]);
  });

  it('requires one section per package and no section for anything else', () => {
    const page = [
      '## @berth/kernel',
      '- `Environment` — time.',
      '- `Clock` (type) — time source.',
      '## @berth/kernel',
      '## @berth/nothing',
      '- `x` — not a package.',
    ].join('\n');
    expect(check(page)).toEqual([
      {
        packageName: '@berth/kernel',
        message: 'api.md:4: a second "## @berth/kernel" section (the first is at line 1); merge them',
      },
      {
        packageName: undefined,
        message: 'api.md:5: "## @berth/nothing" is not a published package (those are @berth/kernel, @berth/cli)',
      },
      {
        packageName: '@berth/cli',
        message: 'api.md has no section "## @berth/cli": add one listing what packages/cli/src/index.ts exports',
      },
    ]);
  });

  it('passes on what the index itself cannot list', () => {
    const broken: PackageExports = {
      ...cli,
      exports: {
        names: [],
        problems: ['packages/cli/src/index.ts:1: `export *` exports names this file does not list'],
      },
    };
    expect(check('## @berth/cli', [broken])).toEqual([
      {
        packageName: '@berth/cli',
        message: 'packages/cli/src/index.ts:1: `export *` exports names this file does not list',
      },
    ]);
  });
});
