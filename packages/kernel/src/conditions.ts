import type { EventEnvironment } from './EventEnvironment.js';
import { type EventCallback, EventState, SimEvent } from './SimEvent.js';

/** The value of an `anyOf` condition: which event fired first (by position) and its value. */
export interface FirstOf {
  readonly index: number;
  readonly value: unknown;
}

/**
 * An event that succeeds with the values of all `events`, in order, once every one of them has
 * succeeded; it fails as soon as one of them fails. SimPy's AllOf.
 *
 * The condition answers for a member's failure only while it is undecided: the member that makes it
 * fail is handled (its error goes on as the condition's). Once decided, it stops listening to the
 * members still pending, so a later failure of one of them is nobody's but its own, and `run()` throws
 * it unless a process waits for that member or it is defused. SimPy removes its checks the same way
 * (Condition._remove_check_callbacks; its test_condition.py::test_cond_with_uncaught_error expects the
 * crash): https://simpy.readthedocs.io/en/latest/topical_guides/events.html
 */
export function allOf(env: EventEnvironment, events: ReadonlyArray<SimEvent<unknown>>): SimEvent<unknown[]> {
  const condition = new SimEvent<unknown[]>(env);
  const count = events.length;
  const values = new Array<unknown>(count);
  if (count === 0) return condition.succeed(values);
  for (const event of events) checkSameEnvironment(env, event, 'allOf');
  let remaining = count;
  const listeners = new Array<EventCallback<unknown>>(count);
  for (let i = 0; i < count; i += 1) {
    listeners[i] = (event) => {
      if (condition.state !== EventState.Pending) return;
      if (!event.isOk) {
        event.defuse();
        condition.fail(event.result as Error);
        detach(events, listeners);
        return;
      }
      values[i] = event.result;
      remaining -= 1;
      if (remaining === 0) condition.succeed(values);
    };
  }
  attach(condition, events, listeners);
  return condition;
}

/**
 * An event that succeeds as soon as one of `events` succeeds, with its position and value; it fails if
 * the first of them to be processed failed. SimPy's AnyOf. An empty list succeeds at once.
 *
 * As with {@link allOf}, once the condition has decided it stops listening to the other members: a
 * member that fails afterwards (even at the same instant) is not handled by the condition.
 */
export function anyOf(env: EventEnvironment, events: ReadonlyArray<SimEvent<unknown>>): SimEvent<FirstOf> {
  const condition = new SimEvent<FirstOf>(env);
  const count = events.length;
  if (count === 0) return condition.succeed({ index: -1, value: undefined });
  for (const event of events) checkSameEnvironment(env, event, 'anyOf');
  const listeners = new Array<EventCallback<unknown>>(count);
  for (let index = 0; index < count; index += 1) {
    listeners[index] = (event) => {
      if (condition.state !== EventState.Pending) return;
      if (!event.isOk) {
        event.defuse();
        condition.fail(event.result as Error);
      } else {
        condition.succeed({ index, value: event.result });
      }
      detach(events, listeners);
    };
  }
  attach(condition, events, listeners);
  return condition;
}

/** Listens to each member in order; a member already processed may decide the condition at once. */
function attach(
  condition: SimEvent<unknown>,
  events: ReadonlyArray<SimEvent<unknown>>,
  listeners: ReadonlyArray<EventCallback<unknown>>,
): void {
  for (let i = 0; i < events.length; i += 1) {
    if (condition.state !== EventState.Pending) return;
    events[i]!.onProcessed(listeners[i]!);
  }
}

/** Stops listening to the members not yet processed, once the condition has decided. */
function detach(events: ReadonlyArray<SimEvent<unknown>>, listeners: ReadonlyArray<EventCallback<unknown>>): void {
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    if (event.state !== EventState.Processed) event.removeCallback(listeners[i]!);
  }
}

function checkSameEnvironment(env: EventEnvironment, event: SimEvent<unknown>, name: string): void {
  if (!(event instanceof SimEvent)) throw new TypeError(`${name} expects events; got ${typeof event}.`);
  if (event.env !== env) throw new Error(`${name}: every event must belong to the same environment.`);
}
