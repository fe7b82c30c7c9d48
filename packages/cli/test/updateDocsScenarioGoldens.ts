// Rewrites the golden files of the docs scenarios (test/golden) from what this tree does now.
//
// ONLY for a deliberate, reviewed change of behaviour. The goldens are the proof that a refactoring
// changed nothing: rewriting them to make a failing golden test pass defeats them. When behaviour is
// meant to change, run this, review the changed files, and commit them on their own, in a commit whose
// message says that the behaviour change is intended and why.
//
// Usage: pnpm run golden:update (from the repository root: these and the benchmarks' goldens)
import { DOCS_GOLDENS, docsScenarioCases } from './docsScenarioGoldens.js';

await DOCS_GOLDENS.update(docsScenarioCases(), console.log);
