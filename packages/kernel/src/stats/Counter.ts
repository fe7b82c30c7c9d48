import { argumentError } from '../errors.js';

/**
 * A running total that only goes up, like a Prometheus counter: requests served, containers placed,
 * probes failed. Use {@link TimeWeighted} for a level that also goes down (queue length, hosts in use).
 */
export class Counter {
  /** Label used in reports; empty unless given. */
  readonly name: string;
  private total = 0;

  constructor(name = '') {
    this.name = name;
  }

  /** Adds `n` (default 1), a finite number >= 0; fractions are allowed (bytes, CPU-seconds). Allocates nothing. */
  add(n = 1): void {
    if (!(n >= 0) || n === Number.POSITIVE_INFINITY) {
      throw argumentError('n', `expected a finite number >= 0 to add to counter '${this.name}', got ${n}`);
    }
    this.total += n;
  }

  /** The total added since creation or the last {@link reset}. */
  get value(): number {
    return this.total;
  }

  /** Sets the total back to 0, e.g. at the end of a warm-up period. */
  reset(): void {
    this.total = 0;
  }
}
