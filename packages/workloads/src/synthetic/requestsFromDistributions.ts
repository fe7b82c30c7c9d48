import { argumentError, type Distribution, type RandomStream } from '@berth/kernel';
import type { RequestModel, Requests } from './RequestModel.js';

/**
 * Requests drawn independently per resource from distributions in Berth's units (cpu in millicores,
 * memory in MiB), in the order the resources are listed; each draw is rounded to a whole unit and
 * clamped to at least `min` (default 1 for every resource, so a container never asks for nothing).
 */
export function requestsFromDistributions(
  distributions: Readonly<Record<string, Distribution>>,
  options: { readonly min?: Readonly<Record<string, number>> | undefined } = {},
): RequestModel {
  const entries = Object.entries(distributions);
  if (entries.length === 0) throw argumentError('distributions', 'expected at least one resource, got none');
  for (const [name, d] of entries) {
    if (typeof d?.sample !== 'function') throw argumentError(`distributions.${name}`, 'expected a Distribution');
  }
  const mins = entries.map(([name]) => options.min?.[name] ?? 1);
  return Object.freeze({
    name: 'distributions',
    sample(stream: RandomStream): Requests {
      const out: Requests = {};
      entries.forEach(([name, d], i) => {
        out[name] = Math.max(mins[i]!, Math.round(d.sample(stream)));
      });
      return out;
    },
  });
}
