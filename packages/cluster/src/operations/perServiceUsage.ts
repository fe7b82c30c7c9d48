import type { MemoryUsageModel } from './MemoryUsageModel.js';

/** A model per service (e.g. one leaking service among steady ones), `otherwise` for the rest. */
export function perServiceUsage(
  models: Readonly<Record<string, MemoryUsageModel>>,
  otherwise: MemoryUsageModel,
): MemoryUsageModel {
  const byService = new Map(Object.entries(models));
  return {
    name: 'per-service',
    usage: (c, now) => ((c.service === undefined ? undefined : byService.get(c.service)) ?? otherwise).usage(c, now),
  };
}
