import { GpuDevices, type GpuDevicesView } from '../gpu/GpuDevices.js';
import type { Taint } from './Taint.js';

/** A host's condition: schedulable, unreachable, closed to new work, or off. */
export type HostState = (typeof HOST_STATES)[number];

/** Every {@link HostState}. */
export const HOST_STATES = ['ready', 'not-ready', 'cordoned', 'down'] as const;

/** What filters, scorers and strategies may read of a host. */
export interface HostView {
  /** Position in declaration order (0-based): the order first-fit follows. */
  readonly id: number;
  readonly name: string;
  readonly group: string;
  /** Allocatable amount per resource, in the simulation's resource order. */
  readonly capacity: Float64Array;
  /** Sum of the requests of the containers bound to the host. */
  readonly allocated: Float64Array;
  /** Like `allocated`, with missing cpu/memory requests counted as 100m / 200Mi (kube-scheduler's NonZeroRequested). */
  readonly nonZeroAllocated: Float64Array;
  readonly maxContainers: number;
  readonly containerCount: number;
  /** Bumped whenever the host's allocation changes: scores computed from the allocation stay valid while it holds. */
  readonly version: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly state: HostState;
  readonly hourlyCost: number;
  /** The host's GPU devices and their allocation, or null for a host declared without `gpus`. */
  readonly gpus: GpuDevicesView | null;
  /** True when the host already holds `image`, so no pull is needed. */
  hasImage(image: string): boolean;
  /** Number of containers of `service` bound to the host. */
  serviceCount(service: string): number;
}

/**
 * A machine of the simulated cluster. Its fields are mutated only by the simulation; strategies see it
 * through {@link HostView}.
 */
export class Host implements HostView {
  readonly allocated: Float64Array;
  readonly nonZeroAllocated: Float64Array;
  containerCount = 0;
  version = 0;
  /** What the control plane believes: the scheduler and controllers act on this. */
  state: HostState = 'ready';
  /** The truth: the machine is running (false after a crash until it recovers). */
  alive = true;
  /** The truth: the control plane can reach the machine (false during a network partition). */
  reachable = true;
  /**
   * The control plane hears the host's agent: false from when the node lifecycle controller marks the
   * host not ready until a heartbeat is heard again, so readiness concluded meanwhile is not reported.
   */
  heard = true;
  /** Offset of this host's heartbeats within the heartbeat period (ms), drawn once per host. */
  heartbeatPhase = 0;
  /** Images pulled on this host, with the time they finished pulling. */
  readonly images = new Map<string, number>();
  private readonly services = new Map<string, number>();
  readonly gpus: GpuDevices | null;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly group: string,
    /** Replaced (never written in place: hosts of a group may share one array) by {@link resize}. */
    public capacity: Float64Array,
    readonly maxContainers: number,
    readonly labels: Readonly<Record<string, string>>,
    readonly taints: readonly Taint[],
    readonly hourlyCost: number,
    /** GPU devices: their model and number, or undefined for none. */
    gpus?: { readonly model: string; readonly count: number } | undefined,
  ) {
    this.gpus = gpus === undefined ? null : new GpuDevices(gpus.model, gpus.count);
    this.allocated = new Float64Array(capacity.length);
    this.nonZeroAllocated = new Float64Array(capacity.length);
  }

  hasImage(image: string): boolean {
    return this.images.has(image);
  }

  serviceCount(service: string): number {
    return this.services.get(service) ?? 0;
  }

  /** @internal adds a container's requests to the host's books */
  bind(requests: Float64Array, nonZero: Float64Array, service: string | undefined): void {
    const allocated = this.allocated;
    const nz = this.nonZeroAllocated;
    for (let r = 0; r < allocated.length; r++) {
      allocated[r]! += requests[r]!;
      nz[r]! += nonZero[r]!;
    }
    this.containerCount += 1;
    this.version += 1;
    if (service !== undefined) this.services.set(service, (this.services.get(service) ?? 0) + 1);
  }

  /**
   * @internal the host's allocatable amounts change (a machine's capacity updated): what is bound stays
   * bound, even beyond the new capacity, and the version moves on so that every cached verdict and score
   * of the host is recomputed.
   */
  resize(capacity: Float64Array): void {
    this.capacity = capacity;
    this.version += 1;
  }

  /** @internal removes a container's requests from the host's books */
  unbind(requests: Float64Array, nonZero: Float64Array, service: string | undefined): void {
    const allocated = this.allocated;
    const nz = this.nonZeroAllocated;
    for (let r = 0; r < allocated.length; r++) {
      // Clamp float dust from repeated add/subtract of fractional quantities.
      const a = allocated[r]! - requests[r]!;
      allocated[r] = a < 1e-9 ? 0 : a;
      const n = nz[r]! - nonZero[r]!;
      nz[r] = n < 1e-9 ? 0 : n;
    }
    this.containerCount -= 1;
    this.version += 1;
    if (service !== undefined) {
      const left = (this.services.get(service) ?? 0) - 1;
      if (left <= 0) this.services.delete(service);
      else this.services.set(service, left);
    }
  }
}
