import type { ArrivalProcess, Environment, RandomStream } from '@berth/kernel';

/**
 * Puts a function's invocation arrivals on the agenda (the traffic controller's load sources do the
 * same inline, on the request path it optimises): `arrive` runs at each arrival time before `until`.
 * One agenda entry, rescheduled from one arrival to the next; a renewal process (one with `after`,
 * such as Poisson) draws its next time directly, and one with a `cursor` (counts per minute from a
 * trace) is pulled from it, both without a generator.
 */
export function startArrivals(
  env: Environment,
  process: ArrivalProcess,
  stream: RandomStream,
  until: number,
  arrive: () => void,
  name: string,
): void {
  if (process.after !== undefined) {
    const after = process.after;
    let at = after(stream, env.now);
    if (at >= until) return;
    const tick = () => {
      arrive();
      at = after(stream, at);
      if (at < until) env.reschedule(handle, at - env.now);
    };
    const handle = env.schedule(at - env.now, tick, undefined, { name });
    return;
  }
  if (process.cursor !== undefined) {
    // A cursor's times are already below `until`; +Infinity ends them.
    const cursor = process.cursor(stream, until, env.now);
    const first = cursor.next();
    if (first === Number.POSITIVE_INFINITY) return;
    const tick = () => {
      arrive();
      const at = cursor.next();
      if (at !== Number.POSITIVE_INFINITY) env.reschedule(handle, at - env.now);
    };
    const handle = env.schedule(first - env.now, tick, undefined, { name });
    return;
  }
  const times = process.times(stream, until, env.now);
  let next = times.next();
  if (next.done === true) return;
  const tick = () => {
    arrive();
    next = times.next();
    if (next.done !== true) env.reschedule(handle, next.value - env.now);
  };
  const handle = env.schedule(next.value - env.now, tick, undefined, { name });
}
