import { parseQuantity } from '@berth/cluster';
import { argumentError, type RandomStream } from '@berth/kernel';
import type { RequestModel, Requests } from './RequestModel.js';

/**
 * An empirical mix of container sizes, such as a trace's common shapes: each draw picks one entry with
 * probability proportional to its weight. Amounts are numbers in Berth's units or Kubernetes text
 * (`500m`, `2Gi`).
 */
export function requestMix(
  entries: ReadonlyArray<{ readonly weight: number; readonly requests: Readonly<Record<string, number | string>> }>,
): RequestModel {
  if (entries.length === 0) throw argumentError('entries', 'expected at least one entry, got none');
  const weights = entries.map((e, i) => {
    if (!(e.weight >= 0 && Number.isFinite(e.weight))) {
      throw argumentError(`entries[${i}].weight`, `expected a finite weight >= 0, got ${e.weight}`);
    }
    return e.weight;
  });
  if (!weights.some((w) => w > 0)) throw argumentError('entries', 'expected at least one positive weight');
  const shapes = entries.map((e, i) => {
    const shape: Requests = {};
    for (const [name, raw] of Object.entries(e.requests)) {
      const value = parseQuantity(name, raw);
      if (typeof value === 'string') throw argumentError(`entries[${i}].requests.${name}`, value);
      shape[name] = value;
    }
    return Object.freeze(shape);
  });
  return Object.freeze({
    name: 'mix',
    sample: (stream: RandomStream): Requests => ({ ...shapes[stream.weightedIndex(weights)]! }),
  });
}
