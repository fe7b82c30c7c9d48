import type { ProcessGenerator } from '@berth/kernel';
import { CURRENT_KERNEL, type KernelApi } from './KernelApi.js';
import { type ModelOutcome, type ModelSize, STREAM_NAME } from './modelSize.js';

/**
 * The reference model on the generator API, written as a user would: one process per walker, each
 * yielding `env.timeout(exponential(1))` in a loop. One stream is shared, as SimPy's model shares `random`.
 * `kernel` is the build to run it on (this checkout's by default).
 */
export function runGeneratorModel(size: ModelSize, seed: number, kernel: KernelApi = CURRENT_KERNEL): ModelOutcome {
  const env = new kernel.Environment();
  const rng = kernel.createRandom(seed).stream(STREAM_NAME);
  const timeouts = size.timeouts;
  function* walker(): ProcessGenerator<void> {
    for (let i = 0; i < timeouts; i += 1) yield env.timeout(rng.exponential(1));
  }
  for (let p = 0; p < size.processes; p += 1) env.process(walker());
  env.run();
  return { events: size.processes * timeouts, endTime: env.now };
}
