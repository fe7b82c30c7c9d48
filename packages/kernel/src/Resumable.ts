/**
 * @internal What an event resumes when it is processed, besides plain callbacks: a process waiting for it
 * at its `yield`. The part of a Process that an event needs; Process implements it.
 */
export interface Resumable {
  /** Continues with the outcome of the event: its value when `ok`, otherwise its error. */
  resume(ok: boolean, value: unknown): void;
}
