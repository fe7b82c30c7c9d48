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
  /** Hosts gone silent and not heard since, with the time they went silent. */
  private readonly silentSince = new Map<Host, number>();
  /** Hosts this controller marked not ready and has not heard since, with the time it did. */
  private readonly notReadySince = new Map<Host, number>();
  /** Hosts whose detection and eviction timers are set and still valid. */
  private readonly armed = new Set<Host>();

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
        this.wentSilent(this.host(event.host));
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

  /**
   * A host crashed or was cut off. Its silence counts from when it was last heard: a crashed host
   * that is then partitioned (or the reverse), or one that came back but went silent again before its
   * next heartbeat, keeps the clocks it had, as the taint-based eviction of Kubernetes counts
   * tolerationSeconds from the NotReady taint, which stays until the node reports again.
   */
  private wentSilent(host: Host): void {
    const env = this.rt.env;
    let since = this.silentSince.get(host);
    if (since === undefined) {
      since = env.now;
      this.silentSince.set(host, since);
    }
    if (this.armed.has(host)) return;
    this.armed.add(host);
    const epoch = this.nextEpoch(host);
    const at = this.timing.notReadyAt(host, since);
    env.schedule(at - env.now, () => this.noticeSilence(host, epoch), undefined, { name: 'node-monitor' });
  }

  private noticeSilence(host: Host, epoch: number): void {
    if (this.epochs.get(host) !== epoch) return;
    if (host.alive && host.reachable) {
      this.armed.delete(host);
      return;
    }
    const now = this.rt.env.now;
    if (host.state === 'ready' || host.state === 'cordoned') this.rt.setHostState(host.name, 'not-ready');
    let since = this.notReadySince.get(host);
    if (since === undefined) {
      since = now;
      this.notReadySince.set(host, since);
    }
    host.heard = false;
    this.agent.markUnready(host, 'host not ready');
    const timeout = this.timing.settings.evictionTimeoutMs;
    const delay = Math.max(0, since + timeout - now);
    this.rt.env.schedule(delay, () => this.evictSilent(host, epoch), undefined, { name: 'node-eviction' });
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
    this.armed.delete(host);
    const at = this.timing.nextHeartbeat(host, env.now);
    env.schedule(at - env.now, () => this.heard(host, epoch), undefined, { name: 'node-heartbeat' });
  }

  private heard(host: Host, epoch: number): void {
    if (this.epochs.get(host) !== epoch || !host.alive || !host.reachable) return;
    this.silentSince.delete(host);
    this.notReadySince.delete(host);
    this.agent.dropOrphans(host);
    if (host.state === 'not-ready') this.rt.setHostState(host.name, 'ready');
    host.heard = true;
    this.agent.resume(host);
  }
}
