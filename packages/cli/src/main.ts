import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Command, CommanderError } from 'commander';
import { CliError } from './CliError.js';
import type { CliIo } from './CliIo.js';
import { type CommandContext, EXIT_CODES_HELP } from './commands/CommandContext.js';
import { registerCompareCommand } from './commands/compareCommand.js';
import { registerExplainCommand } from './commands/explainCommand.js';
import { registerMergeCommand } from './commands/mergeCommand.js';
import { registerRunCommand } from './commands/runCommand.js';
import { registerTraceCommand } from './commands/traceCommand.js';
import { registerValidateCommand } from './commands/validateCommand.js';
import { EXIT_CODES, type ExitCode } from './exitCodes.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/**
 * The `berth` command: parses `argv` (the arguments after the program name), runs the command and
 * resolves to its exit code (see EXIT_CODES). Writes only through `io`, never exits the process,
 * so tests call it directly. Errors print as lines starting with `error: `.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const context: CommandContext = {
    io,
    cwd: io.cwd ?? process.cwd(),
    clock: io.clock ?? (() => performance.now()),
  };
  const program = new Command('berth')
    .description('Berth: run, compare and explain simulated container-orchestrator scenarios.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line per error: commander puts its "(Did you mean ...?)" on a line of its own.
      outputError: (text, write) => write(`${text.trimEnd().replace(/\n+/g, ' ')}\n`),
    })
    .showSuggestionAfterError(true);
  registerRunCommand(program, context);
  registerCompareCommand(program, context);
  registerMergeCommand(program, context);
  registerExplainCommand(program, context);
  registerValidateCommand(program, context);
  registerTraceCommand(program, context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    // Commander has printed its own message (or the help) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.invalid;
    if (error instanceof CliError) {
      io.stderr.write(error.lines.map((line) => `error: ${line}\n`).join(''));
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`error: internal error: ${message.split('\n', 1)[0]}\n`);
    return EXIT_CODES.runtime;
  }
}
