import type { Callback, Environment } from '@berth/kernel';
import { type Container, isFinished } from '../containers/Container.js';
import type { ProbeKind, ProbeSpec } from '../containers/Probe.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';

/** CrashLoopBackOff's first delay (kubelet `backOffPeriod`, pkg/kubelet/kubelet.go). */
export const CRASH_BACKOFF_INITIAL_MS = 10_000;
/** CrashLoopBackOff's cap (`MaxContainerBackOff`). */
export const CRASH_BACKOFF_MAX_MS = 300_000;
/** A container that ran this long has its backoff reset (kubernetes/kubernetes#57291). */
export const CRASH_BACKOFF_RESET_MS = 600_000;

/** What the kubelet needs from the simulation around it. */
export interface KubeletRuntime {
  readonly env: Environment;
  emit(event: ClusterEvent): void;
  /** Starts the container's process again (start-up time, then running). */
  restart(container: Container): void;
  /** Ends a container for good as failed (restart policy Never). */
  fail(container: Container, reason: string): void;
}

const KINDS: readonly ProbeKind[] = ['liveness', 'readiness', 'startup'];

/**
 * The per-host agent's part of a container's life, as Kubernetes' kubelet does it: runs the startup,
 * liveness and readiness probes on their periods, decides readiness (which makes the container an
 * endpoint of its service), and restarts crashed or unhealthy containers with CrashLoopBackOff
 * (10 s doubling to 300 s, reset after 10 minutes of running). One instance serves every host; probe
 * handles are reused, so a probe tick allocates nothing.
 */
export class Kubelet {
  private readonly probeFns: Array<(c: Container) => void>;

  constructor(private readonly rt: KubeletRuntime) {
    this.probeFns = KINDS.map((kind) => (c: Container) => this.probe(c, kind));
  }

  /** The container's process has just started running. */
  started(c: Container): void {
    const h = c.health;
    const now = this.rt.env.now;
    h.alive = true;
    h.hung = false;
    h.runningSince = now;
    h.responsiveAt = now + c.spec.warmupMs;
    h.livenessRun = 0;
    h.readinessRun = 0;
    h.startupRun = 0;
    const probes = c.spec.probes;
    h.startupDone = probes.startup === undefined;
    if (!h.startupDone) this.schedule(c, 2, probes.startup!.initialDelayMs);
    else this.startMainProbes(c);
  }

  /** The process is gone (finished, evicted, removed): stop probing and leave the endpoints. */
  stopped(c: Container, reason: string): void {
    this.cancelProbes(c);
    c.health.alive = false;
    this.setReady(c, false, reason);
  }

  /** The container is being terminated: probes stop and it leaves the endpoints, though its process still runs. */
  terminating(c: Container, reason: string): void {
    this.cancelProbes(c);
    this.setReady(c, false, reason);
  }

  /** The process died with its host: probes stop, but the control plane does not know yet. */
  lost(c: Container): void {
    this.cancelProbes(c);
    c.health.alive = false;
  }

  /**
   * The process exited or was killed. Restarts it after the CrashLoopBackOff delay unless the
   * restart policy says otherwise.
   */
  crashed(c: Container, reason: string): void {
    const h = c.health;
    const env = this.rt.env;
    const now = env.now;
    if (isFinished(c.phase)) {
      // An orphan of a partition (evicted by the control plane while its host was cut off) killed by its
      // liveness probe: nothing restarts a pod the API server has deleted; the process is simply gone.
      this.lost(c);
      h.hung = false;
      this.rt.emit({ at: now, type: 'container.lost', container: c.name, host: c.host!.name });
      return;
    }
    this.cancelProbes(c);
    this.setReady(c, false, reason);
    h.alive = false;
    h.hung = false;
    h.lastExitAt = now;
    const host = c.host!;
    if (c.spec.restartPolicy === 'Never') {
      this.rt.emit({
        at: now,
        type: 'container.crashed',
        container: c.name,
        host: host.name,
        reason,
        restarts: h.restarts,
        restartIn: null,
      });
      this.rt.fail(c, reason);
      return;
    }
    if (h.runningSince >= 0 && now - h.runningSince >= CRASH_BACKOFF_RESET_MS) h.backoffMs = 0;
    h.backoffMs = h.backoffMs === 0 ? CRASH_BACKOFF_INITIAL_MS : Math.min(h.backoffMs * 2, CRASH_BACKOFF_MAX_MS);
    h.restarts += 1;
    h.runningSince = -1;
    c.phase = 'starting';
    this.rt.emit({
      at: now,
      type: 'container.crashed',
      container: c.name,
      host: host.name,
      reason,
      restarts: h.restarts,
      restartIn: h.backoffMs,
    });
    c.pendingStep = env.schedule(h.backoffMs, (x: Container) => this.rt.restart(x), c, { name: 'crash-backoff' });
  }

  /** Sets the control plane's view of the container's readiness, emitting the change. */
  setReady(c: Container, ready: boolean, reason: string): void {
    const h = c.health;
    if (h.ready === ready) return;
    // What the agent of a host cut off (or not heard since) concludes reaches the control plane only
    // when the host is heard again (resume reports it then).
    if (ready && c.host !== null && !(c.host.reachable && c.host.heard)) return;
    h.ready = ready;
    const host = c.host!.name;
    const at = this.rt.env.now;
    if (ready) this.rt.emit({ at, type: 'container.ready', container: c.name, host });
    else this.rt.emit({ at, type: 'container.unready', container: c.name, host, reason });
  }

  /** After a partition heals, the kubelet reports what its probes concluded meanwhile. */
  reportReadiness(c: Container): void {
    const h = c.health;
    if (!h.alive || !h.startupDone) return;
    const readiness = c.spec.probes.readiness;
    if (readiness === undefined || h.readinessRun >= readiness.successThreshold) this.setReady(c, true, '');
  }

  private startMainProbes(c: Container): void {
    const probes = c.spec.probes;
    if (probes.readiness !== undefined) this.schedule(c, 1, probes.readiness.initialDelayMs);
    else this.setReady(c, true, '');
    if (probes.liveness !== undefined) this.schedule(c, 0, probes.liveness.initialDelayMs);
  }

  private probe(c: Container, kind: ProbeKind): void {
    const h = c.health;
    if (!h.alive) return;
    const now = this.rt.env.now;
    const spec = c.spec.probes[kind] as ProbeSpec;
    const responsive = !h.hung && now >= h.responsiveAt;
    const ok = kind === 'readiness' ? responsive && now >= h.unreadyUntil : responsive;
    const index = KINDS.indexOf(kind);
    const run = kind === 'liveness' ? h.livenessRun : kind === 'readiness' ? h.readinessRun : h.startupRun;
    const next = ok ? (run > 0 ? run + 1 : 1) : run < 0 ? run - 1 : -1;
    if (kind === 'liveness') h.livenessRun = next;
    else if (kind === 'readiness') h.readinessRun = next;
    else h.startupRun = next;
    if (!ok) this.rt.emit({ at: now, type: 'probe.failed', container: c.name, probe: kind, consecutive: -next });

    if (kind === 'startup') {
      if (ok && next >= spec.successThreshold) {
        h.startupDone = true;
        this.startMainProbes(c);
        return;
      }
      if (!ok && -next >= spec.failureThreshold) {
        this.killAfter(c, h.hung ? spec.timeoutMs : 0, 'startup probe failed');
        return;
      }
    } else if (kind === 'liveness') {
      if (!ok && -next >= spec.failureThreshold) {
        // A hung process fails by timing out: the kubelet learns it `timeout` after the probe began.
        this.killAfter(c, h.hung ? spec.timeoutMs : 0, 'liveness probe failed');
        return;
      }
    } else if (ok && next >= spec.successThreshold) {
      this.setReady(c, true, '');
    } else if (!ok && -next >= spec.failureThreshold) {
      this.setReady(c, false, 'readiness probe failed');
    }
    this.schedule(c, index, spec.periodMs);
  }

  private killAfter(c: Container, delay: number, reason: string): void {
    this.cancelProbes(c);
    if (delay === 0) this.crashed(c, reason);
    else
      c.pendingStep = this.rt.env.schedule(delay, (x: Container) => this.crashed(x, reason), c, { name: 'probe-kill' });
  }

  private schedule(c: Container, index: number, delay: number): void {
    const handles = c.health.probes;
    const handle = handles[index];
    const env = this.rt.env;
    if (handle === null || handle === undefined) {
      handles[index] = env.schedule(delay, this.probeFns[index]!, c, { name: `${KINDS[index]}-probe` });
    } else {
      if (handle.scheduled) env.cancel(handle);
      env.reschedule(handle, delay);
    }
  }

  private cancelProbes(c: Container): void {
    const env = this.rt.env;
    for (const handle of c.health.probes as Array<Callback | null>) if (handle?.scheduled) env.cancel(handle);
  }
}
