// The process behind the `berth` binary: real stdout/stderr, a progress bar on a terminal, and the exit code.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  progress: process.stderr.isTTY ? process.stderr : undefined,
});
