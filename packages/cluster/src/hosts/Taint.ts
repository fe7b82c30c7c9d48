/** A taint's effect, as in Kubernetes: a hard filter, a soft preference, or eviction of running containers. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A mark on a host that repels containers which do not tolerate it. Kubernetes' taint. */
export interface Taint {
  readonly key: string;
  readonly value?: string | undefined;
  readonly effect: TaintEffect;
}

/** Lets a container run on hosts with matching taints. Kubernetes' toleration. */
export interface Toleration {
  readonly key?: string | undefined;
  /** `Equal` (default) compares values; `Exists` matches any value, and with no key, every taint. */
  readonly operator?: 'Equal' | 'Exists' | undefined;
  readonly value?: string | undefined;
  /** Only taints with this effect; all effects when absent. */
  readonly effect?: TaintEffect | undefined;
}

/** True when `toleration` tolerates `taint` (Kubernetes' ToleratesTaint). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '') return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** True when some toleration in the list tolerates `taint`. */
export function isTolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (tolerates(t, taint)) return true;
  return false;
}
