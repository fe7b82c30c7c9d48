import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/**
 * Ready replicas per service as the control plane sees them (what a PodDisruptionBudget's
 * `currentHealthy` counts), kept up to date from `container.ready` / `container.unready` events so
 * that a budget check costs no scan. Call `dispose()` when done.
 */
export class ReadyReplicas {
  private readonly counts = new Map<string, number>();
  private readonly stop: () => void;

  constructor(private readonly sim: ClusterRuntime) {
    for (const c of sim.allContainers()) {
      if (c.service !== undefined && c.health.ready) this.bump(c.service, 1);
    }
    this.stop = sim.log.subscribe(
      (e) => {
        if (e.type !== 'container.ready' && e.type !== 'container.unready') return;
        const service = this.sim.container(e.container)?.service;
        if (service !== undefined) this.bump(service, e.type === 'container.ready' ? 1 : -1);
      },
      ['container.ready', 'container.unready'],
    );
  }

  /** Ready replicas of `service` now. */
  of(service: string): number {
    return this.counts.get(service) ?? 0;
  }

  /** The desired replica count of `service` (the PDB's expected count), or its ready count if it has none. */
  expected(service: string): number {
    return this.sim.desired.services[service]?.replicas ?? this.of(service);
  }

  /** Stops following the event log. */
  dispose(): void {
    this.stop();
  }

  private bump(service: string, delta: number): void {
    this.counts.set(service, (this.counts.get(service) ?? 0) + delta);
  }
}
