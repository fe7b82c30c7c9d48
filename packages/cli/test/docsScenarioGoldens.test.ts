import { testGoldens } from '../../kernel/test/testGoldens.js';
import { DOCS_GOLDENS, docsScenarioCases } from './docsScenarioGoldens.js';

// Every docs scenario, on each golden seed, must print and stream exactly what it did when recorded.
testGoldens('docs scenario goldens', DOCS_GOLDENS, docsScenarioCases());
