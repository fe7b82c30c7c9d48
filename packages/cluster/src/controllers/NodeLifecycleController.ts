import type { NodeAgent } from '../containers/ContainerLifecycle.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import type { NodeLifecycle } from '../health/NodeLifecycle.js';
import type { Host } from '../hosts/Host.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/**
 * Kubernetes' node lifecycle controller: notices a host whose heartbeats stopped (it crashed or was cut
 * off), marks it not ready and its containers unready once the grace period has passed, and evicts
 * its containers after the eviction timeout so that their controllers replace them elsewhere. A host
 * heard again is ready again; its agent reports what it still runs. Timings come from
 * {@link NodeLifecycle} (heartbeats are not simulated one by one).
 *
 * Hears `host.crashed` and `host.partitioned` (the host goes silent), `host.recovered` and
 * `host.healed` (it may be heard again at its next heartbeat).
 */
export class NodeLifecycleController {
  /** Per host, a counter that invalidates detection timers set before the host changed again. */
  private readonly epochs = new Map<Host, number>();

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly agent: NodeAgent,
    readonly timing: NodeLifecycle,
  ) {}

  /** The event types {@link handle} reacts to: it hears no other. */
  readonly hears: readonly ClusterEventType[] = ['host.crashed', 'host.partitioned', 'host.recovered', 'host.healed'];

  /** The controller's reaction to an event. */
  readonly handle = (event: ClusterEvent): void => {
    switch (event.type) {
      case 'host.crashed':
      case 'host.partitioned':
        this.watchSilence(this.host(event.host));
        return;
      case 'host.recovered':
      case 'host.healed':
        this.whenHeard(this.host(event.host));
        return;
      default:
    }
  };

  private host(name: string): Host {
    return this.rt.cluster.hostsByName.get(name)!;
  }

  private nextEpoch(host: Host): number {
    const epoch = (this.epochs.get(host) ?? 0) + 1;
    this.epochs.set(host, epoch);
    return epoch;
  }

  /** Arms the detection of a host that went silent now. */
  private watchSilence(host: Host): void {
    const env = this.rt.env;
    const epoch = this.nextEpoch(host);
    const at = this.timing.notReadyAt(host, env.now);
    env.schedule(at - env.now, () => this.noticeSilence(host, epoch), undefined, { name: 'node-monitor' });
  }

  private noticeSilence(host: Host, epoch: number): void {
    if (this.epochs.get(host) !== epoch || (host.alive && host.reachable)) return;
    if (host.state === 'ready' || host.state === 'cordoned') this.rt.setHostState(host.name, 'not-ready');
    this.agent.markUnready(host, 'host not ready');
    const timeout = this.timing.settings.evictionTimeoutMs;
    this.rt.env.schedule(timeout, () => this.evictSilent(host, epoch), undefined, { name: 'node-eviction' });
  }

  private evictSilent(host: Host, epoch: number): void {
    if (this.epochs.get(host) !== epoch || host.state !== 'not-ready') return;
    for (const c of [...this.rt.cluster.containersOn(host)]) this.rt.evict(c, 'host not ready');
  }

  /** A host that is up and reachable again is heard at its next heartbeat. */
  private whenHeard(host: Host): void {
    if (!host.alive || !host.reachable) return;
    const env = this.rt.env;
    const epoch = this.nextEpoch(host);
    const at = this.timing.nextHeartbeat(host, env.now);
    env.schedule(at - env.now, () => this.heard(host, epoch), undefined, { name: 'node-heartbeat' });
  }

  private heard(host: Host, epoch: number): void {
    if (this.epochs.get(host) !== epoch || !host.alive || !host.reachable) return;
    this.agent.dropOrphans(host);
    if (host.state === 'not-ready') this.rt.setHostState(host.name, 'ready');
    this.agent.resume(host);
  }
}
