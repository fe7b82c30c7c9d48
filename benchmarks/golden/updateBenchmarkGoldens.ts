// Rewrites the golden files of the benchmark scenarios (golden/cluster, golden/failures, golden/replay)
// from what this tree does now.
//
// ONLY for a deliberate, reviewed change of behaviour. The goldens are the proof that a refactoring
// changed nothing: rewriting them to make a failing golden test pass defeats them. When behaviour is
// meant to change, run this, review the changed files (the golden test, run before this, names each
// first difference), and commit them on their own, in a commit whose message says that the behaviour
// change is intended and why.
//
// Usage: pnpm run golden:update (from the repository root: these and the docs scenarios' goldens)
import { benchmarkGoldenSuites } from './benchmarkGoldens.js';

for (const suite of benchmarkGoldenSuites()) await suite.directory.update(suite.cases, console.log);
