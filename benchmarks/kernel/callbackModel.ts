import type { Callback } from '@berth/kernel';
import { CURRENT_KERNEL, type KernelApi } from './KernelApi.js';
import { type ModelOutcome, type ModelSize, STREAM_NAME } from './modelSize.js';

interface Walker {
  remaining: number;
  handle: Callback | null;
}

/**
 * The reference model on the callback API. `reuse` true is the documented hot path: each walker keeps
 * one handle and `reschedule`s it, allocating nothing per event; false calls `env.schedule` every time,
 * as code that does not keep its handle would. `kernel` is the build to run it on (this checkout's by default).
 */
export function runCallbackModel(
  size: ModelSize,
  seed: number,
  reuse: boolean,
  kernel: KernelApi = CURRENT_KERNEL,
): ModelOutcome {
  const env = new kernel.Environment();
  const rng = kernel.createRandom(seed).stream(STREAM_NAME);
  const stepReusing = (walker: Walker): void => {
    walker.remaining -= 1;
    if (walker.remaining > 0) env.reschedule(walker.handle!, rng.exponential(1));
  };
  const stepScheduling = (walker: Walker): void => {
    walker.remaining -= 1;
    if (walker.remaining > 0) env.schedule(rng.exponential(1), stepScheduling, walker);
  };
  const step = reuse ? stepReusing : stepScheduling;
  for (let p = 0; p < size.processes; p += 1) {
    const walker: Walker = { remaining: size.timeouts, handle: null };
    if (size.timeouts > 0) walker.handle = env.schedule(rng.exponential(1), step, walker);
  }
  env.run();
  return { events: size.processes * size.timeouts, endTime: env.now };
}
