import type { EndpointView, LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/** What {@link joinIdleQueue} keeps per service: the dispatcher's idle queue. */
export interface JoinIdleQueueState {
  /** Each endpoint's index in the current list. */
  readonly index: Map<EndpointView, number>;
  /** Registered idle endpoints (indices), oldest first from `head`, in a ring of the list's size. */
  queue: Int32Array;
  head: number;
  length: number;
  /** 1 for an endpoint in the idle queue. */
  queued: Uint8Array;
}

/**
 * Join-idle-queue (Lu, Xie, Kliot, Geller, Larus and Greenberg, "Join-Idle-Queue: a novel load
 * balancing algorithm for dynamically scalable web services", Performance Evaluation 68(11), 2011): a
 * replica that becomes idle registers with the dispatcher's idle queue; a request goes to the replica
 * that registered first and is still idle, or, when none is, to a replica chosen uniformly at random.
 * The dispatcher never polls replicas; it hears of each one once per idle period. With one dispatcher,
 * as here, every idle replica is known. Choose it for many dispatchers and replicas at low to moderate
 * load; at high load the idle queue is mostly empty and it falls back to random (Mitzenmacher,
 * arXiv 1606.01833).
 */
export function joinIdleQueue(): LoadBalancingPolicy<JoinIdleQueueState> {
  const register = (state: JoinIdleQueueState, i: number): void => {
    if (state.queued[i] === 1) return;
    state.queued[i] = 1;
    const size = state.queue.length;
    state.queue[(state.head + state.length) % size] = i;
    state.length += 1;
  };
  return {
    name: 'join-idle-queue',
    createState: () => ({
      index: new Map(),
      queue: new Int32Array(0),
      head: 0,
      length: 0,
      queued: new Uint8Array(0),
    }),
    endpointsChanged(endpoints, state) {
      // A new list: every endpoint idle now registers, in list order.
      const n = endpoints.length;
      state.index.clear();
      if (state.queue.length !== n) {
        state.queue = new Int32Array(n);
        state.queued = new Uint8Array(n);
      } else state.queued.fill(0);
      state.head = 0;
      state.length = 0;
      endpoints.forEach((e, i) => {
        state.index.set(e, i);
        if (e.active === 0) register(state, i);
      });
    },
    idle(endpoint, state) {
      const i = state.index.get(endpoint);
      if (i !== undefined) register(state, i);
    },
    pick(endpoints, _key, rng, state) {
      while (state.length > 0) {
        const i = state.queue[state.head]!;
        state.head = (state.head + 1) % state.queue.length;
        state.length -= 1;
        state.queued[i] = 0;
        // Another dispatcher over the same replicas (another policy state) may have sent it work since.
        if (i < endpoints.length && endpoints[i]!.active === 0) return i;
      }
      return rng.integer(0, endpoints.length);
    },
  };
}
