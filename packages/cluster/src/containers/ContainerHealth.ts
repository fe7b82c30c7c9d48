import type { Callback } from '@berth/kernel';

/**
 * What a container's application is really doing, which probes observe, and what the kubelet has
 * concluded. Kept apart from the scheduling fields of Container.
 */
export class ContainerHealth {
  /** The process is up (started and not crashed, killed or lost with its host). */
  alive = false;
  /** Endpoint readiness as the control plane sees it. */
  ready = false;
  /** Time the current process started running, or -1. */
  runningSince = -1;
  /** The application answers probes from this time on (running + warm-up). */
  responsiveAt = Number.POSITIVE_INFINITY;
  /** A hang: alive, but failing liveness and readiness. */
  hung = false;
  /** Readiness fails until this time (a scripted "not ready for a while"). */
  unreadyUntil = -1;
  startupDone = false;
  restarts = 0;
  /** Consecutive probe results per kind: positive successes, negative failures. */
  livenessRun = 0;
  readinessRun = 0;
  startupRun = 0;
  /** @internal agenda handles of the three probes */
  probes: [Callback | null, Callback | null, Callback | null] = [null, null, null];
  /** Time of the last crash, for CrashLoopBackOff. */
  lastExitAt = -1;
  /** Current CrashLoopBackOff delay in ms (0 before the first restart). */
  backoffMs = 0;
}
