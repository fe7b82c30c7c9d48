import { describe, expect, it } from 'vitest';
import { listExports } from './listExports.js';

describe('listExports', () => {
  it('lists re-exports, marking those exported with `type` as type-only', () => {
    const source = [
      "export { Environment, type EnvironmentOptions } from './Environment.js';",
      "export type { Clock, Tick as Tock } from './stats/Clock.js';",
      "export { default as Counter } from './stats/Counter.js';",
      "export * as distributions from './random/distributions.js';",
      "export type * as types from './types.js';",
      "import './hiddenClassAnchors.js';",
      "import { helper } from './helper.js';",
    ].join('\n');
    expect(listExports(source, 'index.ts')).toEqual({
      names: [
        { name: 'Environment', typeOnly: false },
        { name: 'EnvironmentOptions', typeOnly: true },
        { name: 'Clock', typeOnly: true },
        { name: 'Tock', typeOnly: true },
        { name: 'Counter', typeOnly: false },
        { name: 'distributions', typeOnly: false },
        { name: 'types', typeOnly: true },
      ],
      problems: [],
    });
  });

  it('lists exported declarations; interfaces and type aliases are type-only', () => {
    const source = [
      'export const A = 1, [B, , C] = [2, 3, 4], { d: D } = { d: 5 };',
      'export function f() {}',
      'export class K {}',
      'export enum E { X }',
      'export interface I {}',
      'export type T = string;',
      'const hidden = 0;',
      'function internal() {}',
    ].join('\n');
    expect(listExports(source, 'index.ts').names).toEqual([
      { name: 'A', typeOnly: false },
      { name: 'B', typeOnly: false },
      { name: 'C', typeOnly: false },
      { name: 'D', typeOnly: false },
      { name: 'f', typeOnly: false },
      { name: 'K', typeOnly: false },
      { name: 'E', typeOnly: false },
      { name: 'I', typeOnly: true },
      { name: 'T', typeOnly: true },
    ]);
  });

  it('reports `export *` and default exports, whose names it cannot list, with their line', () => {
    const source = [
      "export { a } from './a.js';",
      "export * from './b.js';",
      'export default function main() {}',
      'export default 42;',
    ].join('\n');
    expect(listExports(source, 'packages/x/src/index.ts')).toEqual({
      names: [{ name: 'a', typeOnly: false }],
      problems: [
        'packages/x/src/index.ts:2: `export *` exports names this file does not list; name them',
        'packages/x/src/index.ts:3: a default export has no name to list; export it by name',
        'packages/x/src/index.ts:4: a default export has no name to list; export it by name',
      ],
    });
  });
});
