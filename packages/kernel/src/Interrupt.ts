/**
 * Thrown into a process at its current `yield` when another party calls `process.interrupt(cause)`:
 * SimPy's Interrupt. The process may catch it and carry on.
 */
export class Interrupt extends Error {
  override readonly name = 'Interrupt';
  override readonly cause: unknown;

  constructor(cause: unknown) {
    super(`Interrupted${cause === undefined ? '' : `: ${String(cause)}`}`);
    this.cause = cause;
  }
}
