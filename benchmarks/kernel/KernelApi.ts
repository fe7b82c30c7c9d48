import { createRandom, Environment, exponentialDist, lognormalFromMeanCv } from '@berth/kernel';

/**
 * The part of `@berth/kernel` the benchmark models call. It is passed in, so that one process can run the
 * same model on two builds of the kernel (the A/B tool in `ab/`); the other benchmarks use
 * {@link CURRENT_KERNEL}.
 */
export interface KernelApi {
  readonly Environment: typeof Environment;
  readonly createRandom: typeof createRandom;
  readonly exponentialDist: typeof exponentialDist;
  readonly lognormalFromMeanCv: typeof lognormalFromMeanCv;
}

/** This checkout's kernel, as `@berth/kernel` resolves here. */
export const CURRENT_KERNEL: KernelApi = { Environment, createRandom, exponentialDist, lognormalFromMeanCv };
