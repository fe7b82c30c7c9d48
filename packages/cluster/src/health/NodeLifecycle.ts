import type { Environment } from '@berth/kernel';
import type { Host } from '../hosts/Host.js';

/**
 * How the control plane notices a host has gone: heartbeats from the host, a monitor that checks them,
 * the grace period after which the host is not ready, and the delay before its containers are evicted
 * and replaced elsewhere. All in ms.
 */
export interface NodeHealthSettings {
  readonly heartbeatPeriodMs: number;
  /** How often the control plane checks heartbeats; 0 means it notices the instant grace runs out. */
  readonly monitorPeriodMs: number;
  readonly gracePeriodMs: number;
  /** From not-ready to eviction of the host's containers (Kubernetes' NoExecute tolerationSeconds). */
  readonly evictionTimeoutMs: number;
}

/**
 * Failure-detection timings of real orchestrators, with their sources:
 * - `kubernetes`: the kubelet renews its node lease every 10 s; the node lifecycle controller checks
 *   every 5 s (node-monitor-period) and marks a node NotReady after node-monitor-grace-period 50 s
 *   (40 s before v1.32, k/k#126287); pods are evicted after the default NoExecute toleration of 300 s
 *   (DefaultTolerationSeconds admission plugin).
 * - `swarm`: SwarmKit's dispatcher heartbeat period 5 s (jittered ±0.5 s) and
 *   `defaultGracePeriodMultiplier` 3 (manager/dispatcher in docker/swarmkit: a node is down after about
 *   15 s); tasks of a down node are replaced at once (restart delay 5 s is the restart policy's).
 * - `nomad`: client heartbeat TTL between 10 and 20 s plus a 10 s grace (nomad/heartbeat.go and
 *   nomad/config.go in hashicorp/nomad); allocations of a down node are rescheduled immediately.
 */
export const NODE_HEALTH_PRESETS = {
  kubernetes: { heartbeatPeriodMs: 10_000, monitorPeriodMs: 5_000, gracePeriodMs: 50_000, evictionTimeoutMs: 300_000 },
  swarm: { heartbeatPeriodMs: 5_000, monitorPeriodMs: 0, gracePeriodMs: 15_000, evictionTimeoutMs: 0 },
  nomad: { heartbeatPeriodMs: 15_000, monitorPeriodMs: 0, gracePeriodMs: 25_000, evictionTimeoutMs: 0 },
} as const satisfies Record<string, NodeHealthSettings>;

/**
 * Computes when the control plane notices a silent host and when a returning host is seen again,
 * without simulating each heartbeat: heartbeats are periodic from a per-host phase, so the last one
 * before a crash and the first one after a recovery follow from the clock. Equivalent to simulating
 * them, at no cost per heartbeat.
 */
export class NodeLifecycle {
  constructor(
    readonly settings: NodeHealthSettings,
    private readonly env: Environment,
  ) {}

  /** Time of the host's last heartbeat at or before `t`. */
  lastHeartbeat(host: Host, t: number): number {
    const period = this.settings.heartbeatPeriodMs;
    if (period === 0) return t;
    const k = Math.floor((t - host.heartbeatPhase) / period);
    return host.heartbeatPhase + k * period;
  }

  /** Time of the host's first heartbeat at or after `t`. */
  nextHeartbeat(host: Host, t: number): number {
    const period = this.settings.heartbeatPeriodMs;
    if (period === 0) return t;
    const k = Math.ceil((t - host.heartbeatPhase) / period);
    return host.heartbeatPhase + k * period;
  }

  /** When a host that went silent at `t` is marked not ready: the first monitor check after grace expires. */
  notReadyAt(host: Host, silentSince: number): number {
    const deadline = this.lastHeartbeat(host, silentSince) + this.settings.gracePeriodMs;
    const monitor = this.settings.monitorPeriodMs;
    const at = monitor === 0 ? deadline : (Math.floor(deadline / monitor) + 1) * monitor;
    return Math.max(at, this.env.now);
  }
}
