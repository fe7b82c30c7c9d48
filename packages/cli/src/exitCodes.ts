/**
 * The `berth` command's exit codes: 0 when the command did what was asked; 1 for invalid input (a bad
 * option, a scenario or trace that fails validation, a file that cannot be read); 2 for a runtime
 * error (a broken invariant inside the simulation, a worker that crashed, a file that cannot be written).
 */
export const EXIT_CODES = { ok: 0, invalid: 1, runtime: 2 } as const;

/** One of {@link EXIT_CODES}' values. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
