import { describe, expect, it } from 'vitest';
import { runMain } from '../test/runMain.js';

describe('berth', () => {
  it('lists its commands and exit codes with --help', async () => {
    const result = await runMain(['--help'], '.');
    expect(result.code).toBe(0);
    for (const command of ['run', 'compare', 'merge', 'explain', 'validate', 'trace']) {
      expect(result.stdout).toMatch(new RegExp(`\\n  ${command} `));
    }
    expect(result.stdout).toContain('Exit codes: 0 done, 1 invalid input or validation failure, 2 runtime error.');
  });

  it.each([['run'], ['compare'], ['merge'], ['explain'], ['validate'], ['trace', 'convert']])(
    'has --help on %s',
    async (...command) => {
      const result = await runMain([...command, '--help'], '.');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(new RegExp(`^Usage: berth ${command.join(' ')} `));
    },
  );

  it('prints its version', async () => {
    expect(await runMain(['--version'], '.')).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('rejects an unknown command with one line and a suggestion, exit 1', async () => {
    expect(await runMain(['rnu'], '.')).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: unknown command 'rnu' (Did you mean run?)\n",
    });
  });
});
