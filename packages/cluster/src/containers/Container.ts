import type { GpuRequest } from '../gpu/GpuRequest.js';
import type { Host } from '../hosts/Host.js';
import type { Toleration } from '../hosts/Taint.js';
import type { NomadPlacement } from '../scheduler/NomadPlacement.js';
import type { LabelRequirement, PlacementRequest, SpreadConstraint } from '../scheduler/PlacementRequest.js';
import type { PodAffinityRules } from '../scheduler/PodAffinityTerm.js';
import { ContainerHealth } from './ContainerHealth.js';
import type { ProbeSet } from './Probe.js';

/**
 * The phases of a container's life, as Kubernetes names a pod's progress: waiting for a host, bound,
 * pulling its image, starting, running, being stopped, and its three endings.
 */
export type ContainerPhase =
  | 'pending'
  | 'scheduled'
  | 'pulling'
  | 'starting'
  | 'running'
  | 'terminating'
  | 'succeeded'
  | 'failed'
  | 'evicted';

/** True for the phases a container never leaves. */
export function isFinished(phase: ContainerPhase): boolean {
  return phase === 'succeeded' || phase === 'failed' || phase === 'evicted';
}

/** Everything needed to create a container, in the simulation's units (ms, resource vectors). */
export interface ContainerSpec {
  readonly name: string;
  readonly requests: Float64Array;
  readonly nonZeroRequests: Float64Array;
  readonly limits: Float64Array | null;
  readonly priority: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly pullMs: number;
  readonly startupMs: number;
  /** Run time once running; Infinity for long-running work. */
  readonly durationMs: number;
  readonly service: string | undefined;
  readonly job: string | undefined;
  readonly tenant: string;
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly affinity: readonly LabelRequirement[];
  readonly preferredAffinity: ReadonlyArray<{ readonly weight: number; readonly requirement: LabelRequirement }>;
  readonly antiAffinityKey: string | undefined;
  readonly spread: readonly SpreadConstraint[];
  readonly pinnedHost: string | undefined;
  readonly bestEffort: boolean;
  readonly probes: ProbeSet;
  /** Time after the process starts before the application answers probes (a slow start). */
  readonly warmupMs: number;
  /**
   * Kubernetes' restartPolicy: `Always` restarts the process whatever its exit (services), `OnFailure`
   * only after a failure, `Never` leaves a failed container failed (its controller may retry it).
   */
  readonly restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** A stopped container's preStop hook: it keeps running this long, no longer an endpoint, before the stop signal (default 0). */
  readonly preStopMs?: number | undefined;
  /**
   * From the stop signal until the process is killed if it has not finished its requests (Kubernetes'
   * terminationGracePeriodSeconds; default 0: stopped at once).
   */
  readonly terminationGraceMs?: number | undefined;
  /** The service revision (template version) this replica runs; 0 for everything else. */
  readonly revision?: number | undefined;
  /** GPU devices asked for (a share of one, or whole ones); undefined when none. */
  readonly gpu?: GpuRequest | undefined;
  /** Kubernetes' podAffinity, tenants resolved; undefined when the template has none. */
  readonly podAffinity?: PodAffinityRules | undefined;
  /** Kubernetes' podAntiAffinity, tenants resolved; undefined when the template has none. */
  readonly podAntiAffinity?: PodAffinityRules | undefined;
  /** SwarmKit's placement preferences as host label keys, outermost first; undefined when none. */
  readonly preferences?: readonly string[] | undefined;
  /** Nomad's affinity and spread blocks; undefined when the template has none. */
  readonly nomad?: NomadPlacement | undefined;
  /** Containers in its group (Nomad's tg.Count), set for containers with Nomad blocks. */
  readonly groupSize?: number | undefined;
}

/** A container of the simulated cluster: a spec plus where and how far it got. */
export class Container implements PlacementRequest {
  phase: ContainerPhase = 'pending';
  host: Host | null = null;
  readonly createdAt: number;
  scheduledAt = -1;
  startedAt = -1;
  finishedAt = -1;
  attempts = 0;
  /** The reason of a graceful eviction under way (its `container.evicted` comes when it exits); null otherwise. */
  evictedFor: string | null = null;
  /** @internal when a graceful eviction with a shorter grace period kills it (simulated ms); Infinity otherwise */
  killAt = Number.POSITIVE_INFINITY;
  /** What the application is doing and what the kubelet concluded (probes, restarts, readiness). */
  readonly health = new ContainerHealth();
  /** The host's GPU devices the container holds while bound (indexes), null when it holds none. */
  devices: readonly number[] | null = null;
  /** @internal agenda handle of the next lifecycle step, so it can be cancelled on eviction */
  pendingStep: unknown = null;

  constructor(
    readonly id: number,
    readonly spec: ContainerSpec,
    createdAt: number,
  ) {
    this.createdAt = createdAt;
  }

  get name(): string {
    return this.spec.name;
  }
  get requests(): Float64Array {
    return this.spec.requests;
  }
  get nonZeroRequests(): Float64Array {
    return this.spec.nonZeroRequests;
  }
  get priority(): number {
    return this.spec.priority;
  }
  get labels(): Readonly<Record<string, string>> {
    return this.spec.labels;
  }
  get image(): string {
    return this.spec.image;
  }
  get service(): string | undefined {
    return this.spec.service;
  }
  get tenant(): string {
    return this.spec.tenant;
  }
  get tolerations(): readonly Toleration[] {
    return this.spec.tolerations;
  }
  get nodeSelector(): Readonly<Record<string, string>> {
    return this.spec.nodeSelector;
  }
  get affinity(): readonly LabelRequirement[] {
    return this.spec.affinity;
  }
  get preferredAffinity(): ReadonlyArray<{ readonly weight: number; readonly requirement: LabelRequirement }> {
    return this.spec.preferredAffinity;
  }
  get antiAffinityKey(): string | undefined {
    return this.spec.antiAffinityKey;
  }
  get spread(): readonly SpreadConstraint[] {
    return this.spec.spread;
  }
  get bestEffort(): boolean {
    return this.spec.bestEffort;
  }
  get gpu(): GpuRequest | undefined {
    return this.spec.gpu;
  }
  get podAffinity(): PodAffinityRules | undefined {
    return this.spec.podAffinity;
  }
  get podAntiAffinity(): PodAffinityRules | undefined {
    return this.spec.podAntiAffinity;
  }
  get preferences(): readonly string[] | undefined {
    return this.spec.preferences;
  }
  get job(): string | undefined {
    return this.spec.job;
  }
  get revision(): number | undefined {
    return this.spec.revision;
  }
  get nomad(): NomadPlacement | undefined {
    return this.spec.nomad;
  }
  get groupSize(): number | undefined {
    return this.spec.groupSize;
  }
}
