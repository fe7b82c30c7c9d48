import { ConfigError, SimulationError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { CliError } from '../CliError.js';
import { asCliError } from './asCliError.js';

describe('asCliError', () => {
  it('makes a broken invariant a runtime error (exit 2) naming the file and the simulated time', () => {
    const error = asCliError(new SimulationError('host over-committed', 1500, 42), 's.yaml');
    expect(error.exitCode).toBe(2);
    expect(error.lines).toEqual(['s.yaml: host over-committed (at t=1500 ms, event #42)']);
  });

  it('makes a ConfigError invalid input (exit 1), one line per issue', () => {
    const error = asCliError(
      new ConfigError([
        { path: 'scheduler.strategy', message: "unknown strategy 'x'" },
        { path: 'hosts', message: 'expected a list (line 3)' },
      ]),
      's.yaml',
    );
    expect(error.exitCode).toBe(1);
    expect(error.lines).toEqual([
      "s.yaml: scheduler.strategy: unknown strategy 'x'",
      's.yaml:3: hosts: expected a list',
    ]);
  });

  it('keeps a CliError and rethrows anything else', () => {
    const mine = new CliError('x');
    expect(asCliError(mine, 's.yaml')).toBe(mine);
    expect(() => asCliError(new TypeError('bug'), 's.yaml')).toThrow('bug');
  });
});
