/**
 * Event types of Google cluster-data 2011 job_events and task_events, in the order of their codes
 * 0..8 ("Google cluster-usage traces: format + schema", Reiss, Wilkes and Hellerstein, v2.1, 2011,
 * github.com/google/cluster-data).
 */
export const GOOGLE_EVENT_TYPES = [
  'SUBMIT',
  'SCHEDULE',
  'EVICT',
  'FAIL',
  'FINISH',
  'KILL',
  'LOST',
  'UPDATE_PENDING',
  'UPDATE_RUNNING',
] as const;

/** A job or task event type of the Google 2011 trace, by name. */
export type GoogleEventType = (typeof GOOGLE_EVENT_TYPES)[number];

/**
 * The 2011 trace writes "after the end of the trace" as 2^63 - 1 µs; read as a double it becomes
 * 9223372036854775807 → 9.223372036854776e18. Timestamps at or above this are mapped to Infinity.
 */
export const GOOGLE_AFTER_TRACE = 2 ** 63 - 1;

/** A Google 2011 timestamp in µs, with the "after the trace" marker as Infinity. */
export function googleTime(micros: number): number {
  return micros >= GOOGLE_AFTER_TRACE ? Number.POSITIVE_INFINITY : micros;
}
