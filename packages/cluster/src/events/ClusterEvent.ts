import type { FailureCause } from '../network/FailureCause.js';

/**
 * Everything that happens in a simulated cluster, as a tagged union: a domain outcome (a container
 * that cannot be placed, an eviction) is an event here, never an exception. Times are simulated ms.
 */
export type ClusterEvent =
  | { readonly at: number; readonly type: 'host.added'; readonly host: string; readonly group: string }
  /** A host's allocatable capacity changed (millicores, MiB, counts by resource name); what it holds stays. */
  | {
      readonly at: number;
      readonly type: 'host.resized';
      readonly host: string;
      readonly capacity: Readonly<Record<string, number>>;
    }
  | {
      readonly at: number;
      readonly type: 'host.state';
      readonly host: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly at: number;
      readonly type: 'container.created';
      readonly container: string;
      readonly service?: string | undefined;
      readonly job?: string | undefined;
    }
  | {
      readonly at: number;
      readonly type: 'placement.rejected';
      readonly container: string;
      readonly attempt: number;
      /** How many hosts gave each reason, as "0/5 nodes are available: 3 Insufficient cpu". */
      readonly reasons: Readonly<Record<string, number>>;
    }
  | {
      readonly at: number;
      readonly type: 'container.scheduled';
      readonly container: string;
      readonly host: string;
      /** The host's GPU devices the container got; present only for a container asking for GPU devices. */
      readonly devices?: readonly number[];
    }
  | {
      readonly at: number;
      readonly type: 'container.pulling';
      readonly container: string;
      readonly host: string;
      readonly image: string;
    }
  | { readonly at: number; readonly type: 'container.starting'; readonly container: string; readonly host: string }
  | { readonly at: number; readonly type: 'container.running'; readonly container: string; readonly host: string }
  /**
   * A container begins to terminate: removed by its owner (scale-down, rollout), or evicted gracefully
   * (a drain's or the rebalancer's eviction, as the Eviction API does), when `evicted` is the eviction's
   * reason; it ends with `container.succeeded`, or `container.evicted` when evicted.
   */
  | {
      readonly at: number;
      readonly type: 'container.terminating';
      readonly container: string;
      readonly host: string;
      readonly evicted?: string;
    }
  /** A terminating container got its stop signal: it takes no new request and exits once its requests are done. */
  | { readonly at: number; readonly type: 'container.draining'; readonly container: string; readonly host: string }
  /** A draining container has finished its last request (its traffic says so); it exits now. */
  | { readonly at: number; readonly type: 'container.drained'; readonly container: string; readonly host: string }
  | { readonly at: number; readonly type: 'container.succeeded'; readonly container: string; readonly host: string }
  | {
      readonly at: number;
      readonly type: 'container.failed';
      readonly container: string;
      readonly host: string | null;
      readonly reason: string;
    }
  | {
      readonly at: number;
      readonly type: 'container.evicted';
      readonly container: string;
      readonly host: string;
      readonly reason: string;
    }
  | {
      readonly at: number;
      readonly type: 'container.preempted';
      readonly container: string;
      readonly host: string;
      readonly victims: readonly string[];
    }
  | { readonly at: number; readonly type: 'host.crashed'; readonly host: string }
  | { readonly at: number; readonly type: 'host.recovered'; readonly host: string }
  | { readonly at: number; readonly type: 'host.partitioned'; readonly host: string }
  | { readonly at: number; readonly type: 'host.healed'; readonly host: string }
  /** The process died with its host (the control plane does not know yet). */
  | { readonly at: number; readonly type: 'container.lost'; readonly container: string; readonly host: string }
  /** The container now counts as an endpoint of its service. */
  | { readonly at: number; readonly type: 'container.ready'; readonly container: string; readonly host: string }
  /** The container no longer counts as an endpoint of its service. */
  | {
      readonly at: number;
      readonly type: 'container.unready';
      readonly container: string;
      readonly host: string;
      readonly reason: string;
    }
  /** The process exited or was killed; `restartIn` is the CrashLoopBackOff delay, or null when it will not restart. */
  | {
      readonly at: number;
      readonly type: 'container.crashed';
      readonly container: string;
      readonly host: string;
      readonly reason: string;
      readonly restarts: number;
      readonly restartIn: number | null;
    }
  | {
      readonly at: number;
      readonly type: 'probe.failed';
      readonly container: string;
      readonly probe: 'liveness' | 'readiness' | 'startup';
      readonly consecutive: number;
    }
  | {
      readonly at: number;
      readonly type: 'rollout.started';
      readonly service: string;
      readonly revision: number;
      readonly from: number;
    }
  | {
      readonly at: number;
      readonly type: 'rollout.completed';
      readonly service: string;
      readonly revision: number;
      readonly durationMs: number;
      /** The fewest ready replicas seen during the rollout. */
      readonly minReady: number;
    }
  | { readonly at: number; readonly type: 'rollout.stalled'; readonly service: string; readonly revision: number }
  /** Every task of a scenario job succeeded; `durationMs` counts from the job's submission. */
  | {
      readonly at: number;
      readonly type: 'job.completed';
      readonly job: string;
      readonly durationMs: number;
      readonly retries: number;
    }
  /** The job gave up: more task failures than its backoff limit (Kubernetes' BackoffLimitExceeded). */
  | {
      readonly at: number;
      readonly type: 'job.failed';
      readonly job: string;
      readonly reason: string;
      readonly failures: number;
    }
  /** A drain began: the host is cordoned and its containers are being evicted (`drainHost`). */
  | { readonly at: number; readonly type: 'drain.started'; readonly host: string }
  /** The drained host is empty and set to its final state; `durationMs` counts from the start. */
  | {
      readonly at: number;
      readonly type: 'drain.completed';
      readonly host: string;
      readonly state: 'down' | 'ready';
      readonly durationMs: number;
    }
  /** The drain was given up; the host stays cordoned. */
  | { readonly at: number; readonly type: 'drain.cancelled'; readonly host: string }
  /** A disruption budget refused an eviction (the Eviction API's 429); `by` names who asked. */
  | {
      readonly at: number;
      readonly type: 'eviction.refused';
      readonly container: string;
      readonly service: string;
      readonly reason: string;
      readonly by: 'drain' | 'rebalancer';
    }
  /** One rebalancer run (the descheduler's LowNodeUtilization): what it saw and which containers it moved. */
  | {
      readonly at: number;
      readonly type: 'rebalance.completed';
      readonly underutilized: readonly string[];
      readonly overutilized: readonly string[];
      readonly moved: ReadonlyArray<{ readonly container: string; readonly from: string }>;
      readonly refused: number;
      /** Why the run did nothing, when it did nothing by rule; null otherwise. */
      readonly skipped: string | null;
    }
  /** The container used more memory than its limit and is killed (a `container.crashed` follows). */
  | {
      readonly at: number;
      readonly type: 'container.oomKilled';
      readonly container: string;
      readonly host: string;
      readonly usageMiB: number;
      readonly limitMiB: number;
    }
  /** The host's running containers use more memory than it has: these are evicted, in the kubelet's order. */
  | {
      readonly at: number;
      readonly type: 'host.memoryPressure';
      readonly host: string;
      readonly usageMiB: number;
      readonly capacityMiB: number;
      readonly victims: ReadonlyArray<{
        readonly container: string;
        readonly usageMiB: number;
        readonly requestMiB: number;
      }>;
    }
  /**
   * A horizontal pod autoscaler changed its service's replica count (kube's SuccessfulRescale event):
   * `reason` says which metric drove it, `limit` what bounded it (kube's ScalingLimited reason), and
   * `metrics` what each metric read and recommended (values in the metric's units: percent for a
   * utilisation, millicores, MiB, requests per second, requests waiting).
   */
  | {
      readonly at: number;
      readonly type: 'autoscaler.scaled';
      readonly service: string;
      readonly from: number;
      readonly to: number;
      readonly reason: string;
      readonly limit: string;
      readonly metrics: ReadonlyArray<{
        readonly metric: string;
        readonly current: number;
        readonly target: number;
        readonly replicas: number;
      }>;
    }
  /** An autoscaler could not compute a recommendation (kube's FailedGetResourceMetric and kin); recorded when the reason changes. */
  | { readonly at: number; readonly type: 'autoscaler.failed'; readonly service: string; readonly reason: string }
  /** The data plane's list of a service's endpoints changed (after propagation): the ready replicas it routes to. */
  | {
      readonly at: number;
      readonly type: 'endpoints.updated';
      readonly service: string;
      readonly endpoints: readonly string[];
    }
  /** A client's request failed for good (after its retries): `source` is its load source, `cause` why. */
  | {
      readonly at: number;
      readonly type: 'request.failed';
      readonly source: string;
      readonly request: string;
      readonly cause: FailureCause;
      readonly tries: number;
    }
  /** A node was launched for a node group or a provisioner: it is billed from now and joins after its provisioning delay. */
  | {
      readonly at: number;
      readonly type: 'node.launched';
      readonly host: string;
      readonly group: string;
      readonly hourlyCost: number;
      /** Who launched it: `'cluster-autoscaler'` or `'provisioner'`. */
      readonly by: string;
    }
  /** A launched node did not join within its max provision time: it counts as failed and is no longer billed. */
  | { readonly at: number; readonly type: 'node.launchFailed'; readonly host: string; readonly group: string }
  /** A node left the cluster for good (its autoscaler removed it after draining it): it is no longer billed. */
  | { readonly at: number; readonly type: 'node.removed'; readonly host: string; readonly group: string }
  /** The cluster autoscaler grew a node group for containers that fit nowhere; `expander` chose the group. */
  | {
      readonly at: number;
      readonly type: 'nodegroup.scaledUp';
      readonly group: string;
      readonly hosts: readonly string[];
      /** Unschedulable containers the new hosts are for. */
      readonly containers: number;
      readonly expander: string;
      readonly reason: string;
    }
  /** The cluster autoscaler removes a node unneeded for its unneeded time: its drain starts. */
  | {
      readonly at: number;
      readonly type: 'nodegroup.scaledDown';
      readonly group: string;
      readonly host: string;
      readonly reason: 'empty' | 'underutilized';
      /** max(cpu, memory) requested / allocatable when it was chosen. */
      readonly utilization: number;
      readonly unneededForMs: number;
    }
  /** A scale-down gave up (its evictions were refused too long): the node is uncordoned and kept. */
  | {
      readonly at: number;
      readonly type: 'nodegroup.scaleDownFailed';
      readonly group: string;
      readonly host: string;
      readonly reason: string;
    }
  /** The provisioner launched a host of the cheapest fitting type for pending containers (or to replace one). */
  | {
      readonly at: number;
      readonly type: 'provisioner.launched';
      readonly host: string;
      readonly instanceType: string;
      readonly hourlyCost: number;
      readonly containers: number;
      readonly reason: string;
    }
  /** The provisioner consolidates a host: deletes it, or replaces it with a cheaper one (then deletes it). */
  | {
      readonly at: number;
      readonly type: 'provisioner.disrupted';
      readonly host: string;
      readonly action: 'delete' | 'replace';
      readonly reason: 'Empty' | 'Underutilized';
      readonly replacement: string | null;
    }
  /** A synchronous function invocation was refused by a concurrency or scaling limit (HTTP 429). */
  | { readonly at: number; readonly type: 'invocation.rejected'; readonly function: string }
  /** A function invocation failed for good (after an async invocation's retries): `cause` says why. */
  | {
      readonly at: number;
      readonly type: 'invocation.failed';
      readonly function: string;
      readonly cause: 'timeout' | 'crash' | 'expired';
      readonly tries: number;
    }
  | {
      readonly at: number;
      readonly type: 'desired.changed';
      readonly patches: ReadonlyArray<{ readonly op: string; readonly path: string; readonly value?: unknown }>;
    };

/** The tag of a cluster event, e.g. `'container.scheduled'`. */
export type ClusterEventType = ClusterEvent['type'];
