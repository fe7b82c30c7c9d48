import { argumentError } from '@berth/kernel';
import { type MemoryUsageModel, usageBase } from './MemoryUsageModel.js';

/** Constant usage: `fraction` × the memory request (200 MiB for a container without one). */
export function fractionOfRequest(fraction: number): MemoryUsageModel {
  if (!(Number.isFinite(fraction) && fraction >= 0))
    throw argumentError('fraction', `expected a number >= 0, got ${fraction}`);
  return { name: 'fraction-of-request', usage: (c) => fraction * usageBase(c) };
}
