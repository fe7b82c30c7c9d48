// Import rules for the whole workspace, checked by `pnpm run deps` (dependency-cruiser) in CI after lint.
// Paths are regular expressions over paths from the repository root. Type-only imports count: a cycle
// through `import type` still ties the files together for a reader and for every refactoring.

const CIRCULAR_COMMENT =
  'This import closes an import cycle (the cycle is printed after the arrow). Break it: move the shared ' +
  'type or constant into its own file, or pass a narrow interface instead of the class.';

// Cycles are looked for inside each package, inside docs/ and inside benchmarks/. A cycle between two
// packages always breaks one of the layer rules below, which says so in one line, where the cycle rule
// would list every looping path through both packages.
const PART = '^(packages/[^/]+|docs|benchmarks)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: CIRCULAR_COMMENT,
      from: { path: PART },
      to: { circular: true, viaOnly: { path: '^$1/' } },
    },
    {
      name: 'kernel-imports-no-package',
      severity: 'error',
      comment: 'The kernel is the bottom layer: it imports no other workspace package.',
      from: { path: '^packages/kernel/' },
      to: { path: '^(packages|benchmarks|docs)/', pathNot: '^packages/kernel/' },
    },
    {
      name: 'cluster-not-to-workloads-or-cli',
      severity: 'error',
      comment: 'The cluster model sits below the workloads and the CLI: it never imports them.',
      from: { path: '^packages/cluster/' },
      to: { path: '^packages/(workloads|cli)/' },
    },
    {
      name: 'workloads-not-to-cli',
      severity: 'error',
      comment: 'The workloads sit below the CLI: they never import it.',
      from: { path: '^packages/workloads/' },
      to: { path: '^packages/cli/' },
    },
    {
      name: 'packages-not-to-docs',
      severity: 'error',
      comment: 'The docs use the packages; no package imports the docs or their examples.',
      from: { path: '^packages/' },
      to: { path: '^docs/' },
    },
    {
      name: 'nothing-imports-benchmarks',
      severity: 'error',
      comment: 'The benchmarks are a leaf: no package, test or doc imports them.',
      from: { pathNot: '^benchmarks/' },
      to: { path: '^benchmarks/' },
    },
    {
      name: 'src-only-through-public-entry',
      severity: 'error',
      comment:
        "A package's source uses another package only through its public entry, `@berth/x` (its src/index.ts): never its other files, tests or helpers.",
      from: { path: '^packages/([^/]+)/src/' },
      to: { path: '^packages/', pathNot: ['^packages/$1/', '^packages/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'docs-only-through-public-entry',
      severity: 'error',
      comment: 'Docs use the packages as a user would: only through `@berth/x` (its src/index.ts).',
      from: { path: '^docs/' },
      to: { path: '^packages/', pathNot: '^packages/[^/]+/src/index\\.ts$' },
    },
    // Tests and benchmarks may share test-only helpers by path (the golden-file helpers in packages/kernel/test,
    // within the layer rules above), but another package's source only through its public entry.
    {
      name: 'tests-and-benchmarks-not-to-internals',
      severity: 'error',
      comment:
        "Tests and benchmarks use another package's source only through `@berth/x` (its src/index.ts); its other source files are internals: test them from inside their package.",
      from: { path: '^(packages/([^/]+)|benchmarks)/', pathNot: '^packages/[^/]+/src/' },
      to: { path: '^packages/[^/]+/src/', pathNot: ['^packages/$2/', '^packages/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'no-relative-import-of-another-package',
      severity: 'error',
      comment:
        "Import another package's source by its name, `@berth/x`, not by a relative path into its folder: the name goes through the package's exports map, as it will for a user.",
      from: { path: '^(packages/([^/]+)|docs|benchmarks)/' },
      to: { path: '^packages/[^/]+/src/', pathNot: '^packages/$2/', dependencyTypes: ['local'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that cannot be resolved would slip past every rule above: fix the path, or the resolution options below.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // true: type-only imports and re-exports are dependencies too (they are erased only after compilation).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // `@berth/x` resolves, as in the type-checker and the tests, to the package's src/index.ts.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@berth/source', 'import', 'types', 'node', 'default'],
    },
  },
};
