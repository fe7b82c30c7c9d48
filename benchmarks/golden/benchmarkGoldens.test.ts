import { testGoldens } from '../../packages/kernel/test/testGoldens.js';
import { benchmarkGoldenSuites } from './benchmarkGoldens.js';

// Every benchmark scenario at smoke size, on each golden seed, must produce exactly the summary and the
// event stream it did when recorded.
for (const suite of benchmarkGoldenSuites()) testGoldens(suite.title, suite.directory, suite.cases);
