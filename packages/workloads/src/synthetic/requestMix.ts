import { parseQuantity } from '@berth/cluster';
import { argumentError, type RandomStream } from '@berth/kernel';
import type { RequestModel, Requests } from './RequestModel.js';

/**
 * An empirical mix of container sizes, such as a trace's common shapes: each draw picks one entry with
 * probability proportional to its weight. Amounts are written as in a scenario, with Kubernetes'
 * meaning (`cpu: '500m'` or `0.5`, `memory: '2Gi'`; a plain number is cores for cpu and bytes for
 * memory); the draws are in Berth's units (millicores, MiB), as every RequestModel's.
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
