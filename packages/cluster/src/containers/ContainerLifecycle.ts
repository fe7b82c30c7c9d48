import { type Callback, ConfigError, type Environment } from '@berth/kernel';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { Kubelet } from '../health/Kubelet.js';
import type { Host } from '../hosts/Host.js';
import { parseDuration } from '../quantities/parseDuration.js';
import type { ClusterState } from '../simulation/ClusterState.js';
import { type Container, isFinished } from './Container.js';

/** What the container lifecycle needs around it. */
export interface LifecycleRuntime {
  readonly env: Environment;
  readonly cluster: ClusterState;
  emit(event: ClusterEvent): void;
  /** Frees a container's resources on its host and tells the scheduler (before anyone hears of the end). */
  release(container: Container): void;
  /** Withdraws a container from the scheduling queue. */
  withdraw(container: Container): void;
  /** True while the container's process has requests to finish (its traffic says so). */
  busy(container: Container): boolean;
}

/**
 * What the node lifecycle controller asks of a host's agent when the host goes silent or is heard
 * again (see NodeLifecycleController).
 */
export interface NodeAgent {
  /** The control plane marks every container of a silent host unready. */
  markUnready(host: Host, reason: string): void;
  /** The agent of a host that is heard again (or died) stops what the control plane evicted meanwhile. */
  dropOrphans(host: Host): void;
  /** The host is heard again: its agent reports readiness, and restarts what it still holds after a reboot. */
  resume(host: Host): void;
}

/**
 * A container's life on its host, as a host's agent (Kubernetes' kubelet) lives it: once bound it pulls
 * the image (skipped when the host has it), starts the process, runs it, and ends it — completed,
 * failed, evicted or stopped — as events. Probes, readiness and CrashLoopBackOff are the {@link Kubelet}'s.
 *
 * Reacts to `container.scheduled` (launch) and `host.crashed` (the host's processes are lost with it).
 * Ending a container frees its host before the end is heard, so no listener ever sees a finished
 * container holding resources; the owner's controller hears the end and replaces it.
 */
export class ContainerLifecycle implements NodeAgent {
  private readonly kubelet: Kubelet;
  /** Containers evicted while their host was cut off: still running there until the partition heals. */
  private readonly orphans = new Map<Host, Container[]>();
  /** A container's lifecycle steps, made once rather than as a closure per scheduled step. */
  private readonly startStep = (c: Container): void => this.start(c);
  private readonly runningStep = (c: Container): void => this.running(c);
  private readonly completeStep = (c: Container): void => this.complete(c);
  private readonly signalStep = (c: Container): void => this.signal(c);
  private readonly exitStep = (c: Container): void => this.exit(c);

  constructor(private readonly rt: LifecycleRuntime) {
    this.kubelet = new Kubelet({
      env: rt.env,
      emit: (e) => rt.emit(e),
      restart: (c) => this.restart(c),
      fail: (c, reason) => this.fail(c, reason),
    });
  }

  /** The event types {@link handle} reacts to: it hears no other. */
  readonly hears: readonly ClusterEventType[] = ['container.scheduled', 'host.crashed', 'container.drained'];

  /** The controller's reaction to an event. */
  readonly handle = (event: ClusterEvent): void => {
    if (event.type === 'container.drained') {
      const c = this.rt.cluster.containers.get(event.container);
      if (c !== undefined && c.phase === 'terminating' && c.health.alive) this.exit(c);
    } else if (event.type === 'container.scheduled') {
      // Heard after the bind (by then a reaction may have ended it already). The container bound last is
      // almost always the one named: comparing names is much cheaper than a lookup among every container.
      const cluster = this.rt.cluster;
      const last = cluster.lastBound;
      const c = last !== null && last.name === event.container ? last : cluster.containers.get(event.container);
      if (c !== undefined && c.phase === 'scheduled') this.launch(c);
    } else if (event.type === 'host.crashed') {
      this.hostDown(this.rt.cluster.hostsByName.get(event.host)!);
    }
  };

  /**
   * Stops a container (evicting it from its host, or withdrawing it from the queue). `graceful`: as
   * the Eviction API does (what `kubectl drain` and the descheduler use), a running container with a
   * preStop hook or a grace period terminates gracefully, as a scale-down does (see {@link stop}), and
   * is `container.evicted` when its process exits; its controller replaces it at once (a terminating
   * replica no longer counts). Without: it ends now, as a failed host's containers do, and a kubelet's
   * eviction at a hard threshold under memory pressure (kubernetes.io/docs, "Node-pressure Eviction":
   * for hard eviction thresholds the kubelet uses a 0s grace period). `gracePeriod` (ms) is the
   * eviction's own (DeleteOptions.gracePeriodSeconds): the termination, preStop hook included, ends by
   * then at the latest, the process killed if it has not exited.
   */
  evict(container: Container, reason: string, graceful = false, gracePeriod = Number.POSITIVE_INFINITY): void {
    if (isFinished(container.phase)) return;
    if (graceful) {
      // Already leaving gracefully: a second eviction changes nothing.
      if (container.phase === 'terminating') return;
      const host = container.host;
      if (host?.alive === true && host.reachable && container.health.alive && this.gracePeriod(container)) {
        container.evictedFor = reason;
        container.killAt = this.rt.env.now + gracePeriod;
        this.terminate(container, reason);
        return;
      }
    }
    const now = this.rt.env.now;
    this.cancelStep(container);
    const host = container.host;
    this.rt.withdraw(container);
    container.phase = host === null ? 'failed' : 'evicted';
    container.finishedAt = now;
    if (host === null) {
      this.rt.emit({ at: now, type: 'container.failed', container: container.name, host: null, reason });
      return;
    }
    if (host.alive && !host.reachable && container.health.alive) {
      // Split brain: the control plane gave up on it, but it runs on until the kubelet hears.
      this.kubelet.setReady(container, false, reason);
      const list = this.orphans.get(host) ?? [];
      list.push(container);
      this.orphans.set(host, list);
      this.rt.release(container);
    } else {
      this.rt.release(container);
      this.kubelet.stopped(container, reason);
    }
    this.rt.emit({ at: now, type: 'container.evicted', container: container.name, host: host.name, reason });
  }

  /**
   * Removes a container on purpose (scale-down, rollout): it terminates without replacement. With a
   * preStop hook or a grace period it terminates gracefully, as the kubelet does: it leaves the
   * endpoints at once (`container.terminating`, `container.unready`), waits out its preStop hook, then
   * gets the stop signal (`container.draining`): it takes no new request and exits once it has finished
   * its requests (`container.drained`), or is killed when the grace period ends.
   */
  stop(container: Container, reason: string): void {
    if (container.host !== null && container.health.alive && this.gracePeriod(container)) {
      this.terminate(container, reason);
      return;
    }
    const now = this.rt.env.now;
    this.cancelStep(container);
    this.rt.withdraw(container);
    const host = container.host;
    container.finishedAt = now;
    if (host !== null) {
      container.phase = 'succeeded';
      this.rt.emit({ at: now, type: 'container.terminating', container: container.name, host: host.name });
      this.rt.release(container);
      this.kubelet.stopped(container, reason);
      this.rt.emit({ at: now, type: 'container.succeeded', container: container.name, host: host.name });
    } else {
      // Never placed: it ends as failed, as the log says.
      container.phase = 'failed';
      this.rt.emit({ at: now, type: 'container.failed', container: container.name, host: null, reason });
    }
  }

  /** True when the container terminates gracefully: it has a preStop hook or a grace period. */
  private gracePeriod(container: Container): boolean {
    const spec = container.spec;
    return (spec.preStopMs ?? 0) > 0 || (spec.terminationGraceMs ?? 0) > 0;
  }

  private terminate(container: Container, reason: string): void {
    const env = this.rt.env;
    this.cancelStep(container);
    this.rt.withdraw(container);
    container.phase = 'terminating';
    const host = container.host!.name;
    const evicted = container.evictedFor;
    this.rt.emit(
      evicted === null
        ? { at: env.now, type: 'container.terminating', container: container.name, host }
        : { at: env.now, type: 'container.terminating', container: container.name, host, evicted },
    );
    this.kubelet.terminating(container, reason);
    const preStop = Math.min(container.spec.preStopMs ?? 0, container.killAt - env.now);
    if (preStop > 0) container.pendingStep = env.schedule(preStop, this.signalStep, container, { name: 'pre-stop' });
    else this.signal(container);
  }

  /** The stop signal: the process finishes what it holds, then exits; the grace period bounds the wait. */
  private signal(container: Container): void {
    const env = this.rt.env;
    const grace = Math.min(container.spec.terminationGraceMs ?? 0, container.killAt - env.now);
    container.pendingStep = env.schedule(grace, this.exitStep, container, {
      name: 'termination-grace',
    });
    this.rt.emit({ at: env.now, type: 'container.draining', container: container.name, host: container.host!.name });
    if (container.phase === 'terminating' && !this.rt.busy(container)) this.exit(container);
  }

  /** A terminating container's process exits (drained, or killed at the end of its grace period). */
  private exit(container: Container): void {
    if (container.phase !== 'terminating') return;
    const now = this.rt.env.now;
    this.cancelStep(container);
    const evicted = container.evictedFor;
    container.phase = evicted === null ? 'succeeded' : 'evicted';
    container.finishedAt = now;
    const host = container.host!;
    this.rt.release(container);
    this.kubelet.stopped(container, 'terminated');
    if (evicted === null) {
      this.rt.emit({ at: now, type: 'container.succeeded', container: container.name, host: host.name });
    } else {
      this.rt.emit({ at: now, type: 'container.evicted', container: container.name, host: host.name, reason: evicted });
    }
  }

  /** The container's process exits now (a crash); the kubelet restarts it per its restart policy. */
  crashContainer(name: string, reason = 'exited with an error'): void {
    const c = this.runningContainer(name);
    this.cancelStep(c);
    if (isFinished(c.phase)) {
      // An orphan of a partition: the control plane gave up on it already, so nothing restarts it.
      this.kubelet.lost(c);
      this.rt.emit({ at: this.rt.env.now, type: 'container.lost', container: c.name, host: c.host!.name });
      this.rt.cluster.forgetIfGone(c);
      return;
    }
    this.kubelet.crashed(c, reason);
  }

  /** The container hangs: it stays up but stops answering probes, until its liveness probe has it restarted. */
  hangContainer(name: string): void {
    this.runningContainer(name).health.hung = true;
  }

  /** The container's readiness probe fails for `duration` (ms or text). */
  failReadiness(name: string, duration: number | string): void {
    const c = this.runningContainer(name);
    const ms = parseDuration(duration);
    if (typeof ms === 'string') throw new ConfigError([{ path: 'duration', message: ms }], 'argument');
    c.health.unreadyUntil = this.rt.env.now + ms;
  }

  markUnready(host: Host, reason: string): void {
    for (const c of this.rt.cluster.containersOn(host)) this.kubelet.setReady(c, false, reason);
  }

  dropOrphans(host: Host): void {
    const list = this.orphans.get(host);
    if (list === undefined) return;
    this.orphans.delete(host);
    for (const c of list) {
      if (!c.health.alive) continue;
      this.kubelet.stopped(c, 'evicted while partitioned');
      this.rt.emit({ at: this.rt.env.now, type: 'container.lost', container: c.name, host: host.name });
      this.rt.cluster.forgetIfGone(c);
    }
  }

  resume(host: Host): void {
    for (const c of this.rt.cluster.containersOn(host)) {
      if (c.health.alive) this.kubelet.reportReadiness(c);
      else if (c.pendingStep === null && !isFinished(c.phase)) {
        // The host rebooted: its agent starts again what it still holds, unready until it runs.
        this.kubelet.setReady(c, false, 'host rebooted');
        c.health.restarts += 1;
        if (c.phase === 'scheduled' || c.phase === 'pulling') this.launch(c);
        else this.start(c);
      }
    }
  }

  /** The host died: its processes die with it, unknown to the control plane until the host is missed. */
  private hostDown(host: Host): void {
    const now = this.rt.env.now;
    for (const c of this.rt.cluster.containersOn(host)) {
      this.cancelStep(c);
      const wasAlive = c.health.alive;
      this.kubelet.lost(c);
      if (wasAlive) this.rt.emit({ at: now, type: 'container.lost', container: c.name, host: host.name });
    }
    this.dropOrphans(host);
  }

  /** The host's agent pulls the image if needed, then starts the container. Nothing happens on a dead host. */
  private launch(container: Container): void {
    const host = container.host!;
    if (!host.alive) return;
    const env = this.rt.env;
    const now = env.now;
    const image = container.image;
    const pulledAt = host.images.get(image);
    if (pulledAt !== undefined && pulledAt <= now) {
      this.start(container);
      return;
    }
    container.phase = 'pulling';
    this.rt.emit({ at: now, type: 'container.pulling', container: container.name, host: host.name, image });
    let readyAt = pulledAt;
    if (readyAt === undefined) {
      readyAt = now + container.spec.pullMs;
      host.images.set(image, readyAt);
    }
    container.pendingStep = env.schedule(readyAt - now, this.startStep, container);
  }

  private start(container: Container): void {
    const host = container.host!;
    const env = this.rt.env;
    container.phase = 'starting';
    this.rt.emit({ at: env.now, type: 'container.starting', container: container.name, host: host.name });
    container.pendingStep = env.schedule(container.spec.startupMs, this.runningStep, container);
  }

  private restart(container: Container): void {
    container.pendingStep = null;
    if (container.host?.alive === true) this.start(container);
  }

  private running(container: Container): void {
    const host = container.host!;
    const env = this.rt.env;
    container.phase = 'running';
    if (container.startedAt < 0) container.startedAt = env.now;
    this.rt.emit({ at: env.now, type: 'container.running', container: container.name, host: host.name });
    this.kubelet.started(container);
    const duration = container.spec.durationMs;
    if (duration !== Number.POSITIVE_INFINITY) {
      container.pendingStep = env.schedule(duration, this.completeStep, container);
    } else {
      container.pendingStep = null;
    }
  }

  private complete(container: Container): void {
    const host = container.host!;
    const now = this.rt.env.now;
    container.pendingStep = null;
    container.phase = 'succeeded';
    container.finishedAt = now;
    // Free the host before anyone hears of the end, so listeners never see a finished container holding resources.
    this.rt.release(container);
    this.kubelet.stopped(container, 'completed');
    this.rt.emit({ at: now, type: 'container.succeeded', container: container.name, host: host.name });
  }

  /** The kubelet gave up on a container whose restart policy forbids restarts. */
  private fail(container: Container, reason: string): void {
    this.cancelStep(container);
    const host = container.host;
    container.phase = 'failed';
    container.finishedAt = this.rt.env.now;
    this.rt.release(container);
    this.rt.emit({
      at: this.rt.env.now,
      type: 'container.failed',
      container: container.name,
      host: host?.name ?? null,
      reason,
    });
  }

  private runningContainer(name: string): Container {
    const c = this.rt.cluster.containers.get(name);
    if (c === undefined)
      throw new ConfigError([{ path: 'container', message: `no container named '${name}'` }], 'argument');
    if (!c.health.alive) {
      throw new ConfigError(
        [{ path: 'container', message: `container '${name}' is not running (${c.phase})` }],
        'argument',
      );
    }
    return c;
  }

  private cancelStep(container: Container): void {
    const step = container.pendingStep as Callback | null;
    if (step !== null) this.rt.env.cancel(step);
    container.pendingStep = null;
  }
}
