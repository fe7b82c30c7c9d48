import type { ClusterEvent } from '../events/ClusterEvent.js';
import { GPU } from '../resources/ResourceCatalog.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** GPU allocation against the GPU work that has arrived: the FGD paper's Fig. 9 axes. */
export interface GpuArrivalReport {
  /** Milli-GPU of the hosts (1,000 per GPU). */
  readonly capacityMilli: number;
  /** Milli-GPU asked for by every container created so far. */
  readonly arrivedMilli: number;
  /** Milli-GPU allocated on the hosts when the report was made. */
  readonly allocatedMilli: number;
  /**
   * Allocated milli-GPU as a percentage of capacity once k % of the capacity had arrived, at index k
   * (0, 1, …, ⌊arrived %⌋): taken when the container that crossed k % has been placed or refused,
   * that is when the next container is created (or at the report).
   */
  readonly allocatedByArrived: readonly number[];
}

/**
 * Follows a run's GPU arrivals and allocation (see {@link GpuArrivalReport}) from the event log: each
 * `container.created` adds the container's GPU request (its devices' milli-GPU, or its `gpu` request ×
 * 1,000), and the hosts' devices say what is allocated. The FGD paper records its allocation ratio the
 * same way, after each 1 % of the cluster's GPUs has arrived (Weng et al., USENIX ATC 2023, §6).
 */
export class GpuArrivalCollector {
  private arrived = 0;
  private readonly points: number[] = [];
  readonly capacityMilli: number;

  constructor(private readonly sim: ClusterRuntime) {
    let capacity = 0;
    for (const host of sim.cluster.hosts) capacity += Math.round(host.capacity[GPU]! * 1000);
    this.capacityMilli = capacity;
    this.points.push(this.allocatedPercent());
    sim.log.subscribe((event) => this.onCreated(event), ['container.created']);
  }

  private allocatedMilli(): number {
    let sum = 0;
    for (const host of this.sim.cluster.hosts) {
      const gpus = host.gpus;
      if (gpus !== null) for (let d = 0; d < gpus.count; d++) sum += gpus.used[d]!;
      else sum += Math.round(host.allocated[GPU]! * 1000);
    }
    return sum;
  }

  private allocatedPercent(): number {
    return this.capacityMilli === 0 ? 0 : (100 * this.allocatedMilli()) / this.capacityMilli;
  }

  /** Records the points the arrivals so far have crossed. */
  private flush(): void {
    const capacity = this.capacityMilli;
    if (capacity === 0) return;
    let value: number | null = null;
    while (this.arrived >= (this.points.length * capacity) / 100) {
      value ??= this.allocatedPercent();
      this.points.push(value);
    }
  }

  private onCreated(event: ClusterEvent): void {
    if (event.type !== 'container.created') return;
    this.flush();
    const c = this.sim.container(event.container);
    if (c === undefined) return;
    this.arrived += c.gpu === undefined ? Math.round(c.requests[GPU]! * 1000) : c.gpu.milli * c.gpu.count;
  }

  /** The figures so far; may be called repeatedly. */
  report(): GpuArrivalReport {
    this.flush();
    return {
      capacityMilli: this.capacityMilli,
      arrivedMilli: this.arrived,
      allocatedMilli: this.allocatedMilli(),
      allocatedByArrived: [...this.points],
    };
  }
}

/** Starts following GPU arrivals and allocation: call right after `createSimulation`, then `report()`. */
export function collectGpuArrivals(sim: ClusterRuntime): GpuArrivalCollector {
  return new GpuArrivalCollector(sim);
}
