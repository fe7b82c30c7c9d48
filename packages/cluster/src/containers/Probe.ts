/** One probe's timing, as in Kubernetes' Probe (all times in ms). */
export interface ProbeSpec {
  readonly periodMs: number;
  readonly timeoutMs: number;
  readonly initialDelayMs: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

/**
 * Kubernetes' probe defaults (pkg/apis/core/v1/defaults.go SetDefaults_Probe): period 10 s, timeout
 * 1 s, no initial delay, failure threshold 3, success threshold 1.
 */
export const PROBE_DEFAULTS: ProbeSpec = {
  periodMs: 10_000,
  timeoutMs: 1_000,
  initialDelayMs: 0,
  failureThreshold: 3,
  successThreshold: 1,
};

/** The probes of a container; any may be absent. */
export interface ProbeSet {
  /** Failing it restarts the container. */
  readonly liveness?: ProbeSpec | undefined;
  /** Failing it removes the container from its service's endpoints. */
  readonly readiness?: ProbeSpec | undefined;
  /** Until it succeeds, liveness and readiness are not probed; failing it restarts the container. */
  readonly startup?: ProbeSpec | undefined;
}

/** The kind of a probe. */
export type ProbeKind = 'liveness' | 'readiness' | 'startup';
