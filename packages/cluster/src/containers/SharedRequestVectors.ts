import type { GpuRequest } from '../gpu/GpuRequest.js';
import type { ContainerSpec } from './Container.js';

/** The shared request of one kind of container: its vectors and its GPU device request. */
interface SharedRequest {
  readonly requests: Float64Array;
  readonly nonZeroRequests: Float64Array;
  readonly gpu: GpuRequest | undefined;
}

/**
 * Gives containers with the same requests and the same GPU device request one shared pair of request
 * vectors and one shared GPU request, so that strategies can tell by identity that two containers ask
 * for the same (and reuse host-local scores and verdicts). A vector is shared by one kind only: two
 * containers holding the same vector object also ask for the same GPU devices (GpuDeviceFit's verdict
 * may be reused on that identity).
 */
export class SharedRequestVectors {
  private readonly byKey = new Map<string, SharedRequest>();
  /** The shared request each shared `requests` vector belongs to: a spec holding it needs no lookup. */
  private readonly owners = new WeakMap<Float64Array, SharedRequest>();
  /** Every vector handed out as shared, requests and non-zero alike. */
  private readonly vectors = new WeakSet<Float64Array>();

  /** `spec`, or a copy of it holding the shared vectors and GPU request of its kind. */
  share(spec: ContainerSpec): ContainerSpec {
    const owner = this.owners.get(spec.requests);
    if (owner !== undefined && owner.nonZeroRequests === spec.nonZeroRequests && owner.gpu === spec.gpu) return spec;
    const gpu = spec.gpu;
    const gpuKey = gpu === undefined ? '' : `${gpu.milli}x${gpu.count}:${gpu.models?.join('|') ?? '*'}`;
    const key = `${spec.requests.join(',')}|${spec.nonZeroRequests.join(',')}|${gpuKey}`;
    let shared = this.byKey.get(key);
    if (shared === undefined) {
      // A vector already shared by another kind (a spec built from another's vectors, with another GPU
      // request) is copied, so that one vector never stands for two kinds.
      const taken = this.vectors.has(spec.requests) || this.vectors.has(spec.nonZeroRequests);
      shared = {
        requests: taken ? Float64Array.from(spec.requests) : spec.requests,
        nonZeroRequests: taken ? Float64Array.from(spec.nonZeroRequests) : spec.nonZeroRequests,
        gpu,
      };
      this.byKey.set(key, shared);
      this.owners.set(shared.requests, shared);
      this.vectors.add(shared.requests);
      this.vectors.add(shared.nonZeroRequests);
    }
    if (shared.requests === spec.requests && shared.nonZeroRequests === spec.nonZeroRequests && shared.gpu === gpu)
      return spec;
    const copy = { ...spec, requests: shared.requests, nonZeroRequests: shared.nonZeroRequests };
    return gpu === undefined ? copy : { ...copy, gpu: shared.gpu };
  }
}
