/**
 * Where statistics read simulated time: anything with a `now` in milliseconds. An `Environment`
 * satisfies it; tests can pass a plain `{ now }` object and move it by hand. Time must never go
 * backwards between two readings.
 */
export interface Clock {
  readonly now: number;
}
