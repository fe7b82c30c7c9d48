import type { Environment } from './Environment.js';
import { EventState, SimEvent } from './SimEvent.js';

/** The value of an `anyOf` condition: which event fired first (by position) and its value. */
export interface FirstOf {
  readonly index: number;
  readonly value: unknown;
}

/**
 * An event that succeeds with the values of all `events`, in order, once every one of them has
 * succeeded; it fails as soon as one of them fails. SimPy's AllOf.
 */
export function allOf(env: Environment, events: ReadonlyArray<SimEvent<unknown>>): SimEvent<unknown[]> {
  const condition = new SimEvent<unknown[]>(env);
  const values = new Array<unknown>(events.length);
  let remaining = events.length;
  if (remaining === 0) return condition.succeed(values);
  events.forEach((event, i) => {
    checkSameEnvironment(env, event, 'allOf');
    event.onProcessed((e) => {
      if (condition.state !== EventState.Pending) return;
      if (!e.isOk) {
        condition.fail(e.result as Error);
        return;
      }
      values[i] = e.result;
      remaining -= 1;
      if (remaining === 0) condition.succeed(values);
    });
  });
  return condition;
}

/**
 * An event that succeeds as soon as one of `events` succeeds, with its position and value; it fails if
 * the first of them to be processed failed. SimPy's AnyOf. An empty list succeeds at once.
 */
export function anyOf(env: Environment, events: ReadonlyArray<SimEvent<unknown>>): SimEvent<FirstOf> {
  const condition = new SimEvent<FirstOf>(env);
  if (events.length === 0) return condition.succeed({ index: -1, value: undefined });
  events.forEach((event, index) => {
    checkSameEnvironment(env, event, 'anyOf');
    event.onProcessed((e) => {
      if (condition.state !== EventState.Pending) {
        // A later failure still counts as handled: the condition has already decided.
        return;
      }
      if (!e.isOk) condition.fail(e.result as Error);
      else condition.succeed({ index, value: e.result });
    });
  });
  return condition;
}

function checkSameEnvironment(env: Environment, event: SimEvent<unknown>, name: string): void {
  if (!(event instanceof SimEvent)) throw new TypeError(`${name} expects events; got ${typeof event}.`);
  if (event.env !== env) throw new Error(`${name}: every event must belong to the same environment.`);
}
