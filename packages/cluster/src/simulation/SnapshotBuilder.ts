import { castDraft, freeze, produce } from 'immer';
import type { ContainerPhase } from '../containers/Container.js';
import type { DesiredState } from '../controllers/DesiredState.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { Host, HostState } from '../hosts/Host.js';
import type { ClusterRuntime } from './ClusterRuntime.js';

/** A host as a snapshot shows it. */
export interface HostSnapshot {
  readonly name: string;
  readonly group: string;
  readonly state: HostState;
  readonly labels: Readonly<Record<string, string>>;
  readonly capacity: Readonly<Record<string, number>>;
  readonly allocated: Readonly<Record<string, number>>;
  /** Names of the containers bound to the host, in binding order. */
  readonly containers: readonly string[];
  /** The host's GPU devices: model and milli-GPU allocated on each; present only on hosts declared with `gpus`. */
  readonly gpus?: { readonly model: string; readonly used: readonly number[] };
}

/** A container as a snapshot shows it. Times are -1 until reached. */
export interface ContainerSnapshot {
  readonly name: string;
  readonly phase: ContainerPhase;
  readonly host: string | null;
  readonly service: string | null;
  readonly job: string | null;
  readonly createdAt: number;
  readonly scheduledAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly attempts: number;
  /** The GPU devices of its host the container holds; present only while it holds some. */
  readonly devices?: readonly number[];
}

/** A deeply frozen picture of a simulation at one instant. */
export interface ClusterSnapshot {
  readonly at: number;
  readonly hosts: Readonly<Record<string, HostSnapshot>>;
  readonly containers: Readonly<Record<string, ContainerSnapshot>>;
  readonly desired: DesiredState;
}

/**
 * Builds snapshots with immer: only hosts and containers touched by events since the previous
 * snapshot are rebuilt, everything else is shared with it, so taking one often is cheap.
 */
export class SnapshotBuilder {
  private last: ClusterSnapshot | null = null;
  private readonly dirtyHosts = new Set<string>();
  private readonly dirtyContainers = new Set<string>();

  constructor(private readonly sim: ClusterRuntime) {}

  /** Notes what an event changed (the simulation's bookkeeping hears every event). */
  readonly touch = (event: ClusterEvent): void => {
    if (this.last === null) return;
    if ('host' in event && typeof event.host === 'string') this.dirtyHosts.add(event.host);
    if ('container' in event) this.dirtyContainers.add(event.container);
    if (event.type === 'container.preempted') for (const v of event.victims) this.dirtyContainers.add(v);
  };

  take(): ClusterSnapshot {
    const sim = this.sim;
    if (this.last === null) {
      const hosts: Record<string, HostSnapshot> = {};
      for (const host of sim.cluster.hosts) hosts[host.name] = this.host(host);
      const containers: Record<string, ContainerSnapshot> = {};
      for (const c of sim.allContainers()) containers[c.name] = this.container(c.name)!;
      this.last = freeze({ at: sim.now, hosts, containers, desired: sim.desired }, true);
    } else {
      this.last = produce(this.last, (draft) => {
        draft.at = sim.now;
        if (draft.desired !== sim.desired) draft.desired = castDraft(sim.desired);
        for (const name of this.dirtyHosts)
          draft.hosts[name] = castDraft(this.host(sim.cluster.hostsByName.get(name)!));
        for (const name of this.dirtyContainers) {
          const c = this.container(name);
          // A container the simulation no longer keeps (keepFinished: false) leaves the snapshot.
          if (c !== undefined) draft.containers[name] = castDraft(c);
          else delete draft.containers[name];
        }
      });
    }
    this.dirtyHosts.clear();
    this.dirtyContainers.clear();
    return this.last;
  }

  private host(host: Host): HostSnapshot {
    const resources = this.sim.resources;
    return {
      name: host.name,
      group: host.group,
      state: host.state,
      labels: host.labels,
      capacity: resources.toRecord(host.capacity),
      allocated: resources.toRecord(host.allocated),
      containers: [...this.sim.cluster.containersOn(host)].map((c) => c.name),
      ...(host.gpus === null ? {} : { gpus: { model: host.gpus.model, used: Array.from(host.gpus.used) } }),
    };
  }

  private container(name: string): ContainerSnapshot | undefined {
    const c = this.sim.container(name);
    if (c === undefined) return undefined;
    return {
      name: c.name,
      phase: c.phase,
      host:
        c.host === null || c.phase === 'evicted' || c.phase === 'succeeded' || c.phase === 'failed'
          ? null
          : c.host.name,
      service: c.service ?? null,
      job: c.spec.job ?? null,
      createdAt: c.createdAt,
      scheduledAt: c.scheduledAt,
      startedAt: c.startedAt,
      finishedAt: c.finishedAt,
      attempts: c.attempts,
      ...(c.devices === null ? {} : { devices: c.devices }),
    };
  }
}
