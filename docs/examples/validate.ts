// `berth validate` on a scenario with several kinds of mistake: every problem in one pass, each by line and path.
import { fileURLToPath } from 'node:url';
import { main } from '@berth/cli';

const cwd = fileURLToPath(new URL('./validate/', import.meta.url));
// #region validate
const code = await main(['validate', 'broken.yaml'], { stdout: process.stdout, stderr: process.stdout, cwd });
console.log(`exit code ${code}`);
// #endregion
