import type { ContainerSpec } from './Container.js';

/**
 * Gives containers with the same requests one shared pair of request vectors, so that strategies can
 * tell by identity that two containers ask for the same (and reuse host-local scores and verdicts).
 */
export class SharedRequestVectors {
  private readonly byKey = new Map<string, { requests: Float64Array; nonZeroRequests: Float64Array }>();
  /** The shared request vectors, each with its non-zero partner: a spec holding them needs no lookup. */
  private readonly pairs = new WeakMap<Float64Array, Float64Array>();

  /** `spec`, or a copy of it holding the shared vectors of its requests. */
  share(spec: ContainerSpec): ContainerSpec {
    if (this.pairs.get(spec.requests) === spec.nonZeroRequests) return spec;
    const key = `${spec.requests.join(',')}|${spec.nonZeroRequests.join(',')}`;
    const shared = this.byKey.get(key);
    if (shared === undefined) {
      this.byKey.set(key, { requests: spec.requests, nonZeroRequests: spec.nonZeroRequests });
      this.pairs.set(spec.requests, spec.nonZeroRequests);
      return spec;
    }
    if (shared.requests === spec.requests) return spec;
    return { ...spec, requests: shared.requests, nonZeroRequests: shared.nonZeroRequests };
  }
}
