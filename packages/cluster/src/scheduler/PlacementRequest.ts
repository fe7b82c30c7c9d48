import type { GpuRequest } from '../gpu/GpuRequest.js';
import type { Toleration } from '../hosts/Taint.js';
import type { LabelRequirement } from './LabelRequirement.js';
import type { NomadPlacement } from './NomadPlacement.js';
import type { PodAffinityRules } from './PodAffinityTerm.js';

export { type LabelRequirement, matchesRequirement } from './LabelRequirement.js';

/** Kubernetes' topologySpreadConstraints entry, counting containers of the same service. */
export interface SpreadConstraint {
  /** Host label whose values are the domains; `hostname` means each host is its own domain. */
  readonly topologyKey: string;
  readonly maxSkew: number;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
}

/** What the scheduler reads of a container it places. */
export interface PlacementRequest {
  readonly name: string;
  /** Requested amount per resource; missing requests are 0. */
  readonly requests: Float64Array;
  /** Requests with missing cpu/memory counted as 100m / 200Mi, as kube-scheduler's scoring does. */
  readonly nonZeroRequests: Float64Array;
  readonly priority: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly service: string | undefined;
  readonly tenant: string;
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly affinity: readonly LabelRequirement[];
  readonly preferredAffinity: ReadonlyArray<{ readonly weight: number; readonly requirement: LabelRequirement }>;
  /** No two containers of the same service may share a value of this host label (`hostname`: one per host). */
  readonly antiAffinityKey: string | undefined;
  readonly spread: readonly SpreadConstraint[];
  /** True when the container requests no cpu and no memory (a Kubernetes BestEffort pod). */
  readonly bestEffort: boolean;
  /** GPU devices asked for (a share of one, or whole ones), undefined when none. */
  readonly gpu?: GpuRequest | undefined;
  /** Kubernetes' podAffinity: containers to be near (required terms filter, preferred ones score); undefined when none. */
  readonly podAffinity?: PodAffinityRules | undefined;
  /** Kubernetes' podAntiAffinity: containers to keep away from; undefined when none. */
  readonly podAntiAffinity?: PodAffinityRules | undefined;
  /** SwarmKit's placement preferences: host label keys to spread over, outermost first; undefined when none. */
  readonly preferences?: readonly string[] | undefined;
  /** The job the container is a task of, if any. */
  readonly job?: string | undefined;
  /** The service revision (template version) it runs; 0 or undefined outside services. */
  readonly revision?: number | undefined;
  /** Nomad's affinity and spread blocks; undefined when the template has none. */
  readonly nomad?: NomadPlacement | undefined;
  /** Containers in the request's group (a service's replicas when it was created, a job's tasks): Nomad's tg.Count. */
  readonly groupSize?: number | undefined;
}
