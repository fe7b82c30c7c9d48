/**
 * Kubernetes' HPA replica calculator (kubernetes/kubernetes
 * pkg/controller/podautoscaler/replica_calculator.go: `GetResourceReplicas`, `calcPlainMetricReplicas`,
 * `GetExternalMetricReplicas`, `GetExternalPerPodMetricReplicas`, `groupPods`, and
 * pkg/controller/podautoscaler/metrics/utilization.go), as pure functions over plain data. Metric
 * values are integer milli-units, as kube's quantities are (`MilliValue()`), and the averages use
 * integer division where kube's do, so the table tests of kube's replica_calculator_test.go give the
 * same answers here (see replicaCalculator.test.ts).
 */

/** What the calculator needs to know of one pod (one replica of the scaled service). */
export interface PodSample {
  readonly name: string;
  /** The pod's phase: `pending` until a container runs (waiting to be scheduled, pulling, starting). */
  readonly phase: 'pending' | 'running' | 'failed';
  /** Being deleted (kube's DeletionTimestamp): a replica stopping. */
  readonly deleting: boolean;
  /** The Ready condition; null when the pod has none. */
  readonly ready: boolean | null;
  /** When the kubelet acknowledged the pod (kube's `status.startTime`, before the image pull); null if not yet. */
  readonly startedAt: number | null;
  /** The Ready condition's last transition. */
  readonly readyChangedAt: number;
  /** The pod's request of the metric's resource, milli-units (resource metrics only). */
  readonly request: number;
}

/** One pod's metric as the metrics API returns it: the value (milli-units), when it was taken, and over what window. */
export interface MetricSample {
  readonly value: number;
  readonly at: number;
  readonly window: number;
}

/** The calculator's settings: kube-controller-manager's `--horizontal-pod-autoscaler-*` flags. */
export interface CalculatorSettings {
  readonly tolerance: number;
  readonly cpuInitializationPeriod: number;
  readonly initialReadinessDelay: number;
}

/**
 * kube-controller-manager's HPA defaults (pkg/controller/podautoscaler/config/v1alpha1/defaults.go,
 * `RecommendedDefaultHPAControllerConfiguration`): sync every 15 s, tolerance 0.1, scale-down
 * stabilisation 5 min, cpu initialisation period 5 min, initial readiness delay 30 s. Times in ms.
 */
export const HPA_DEFAULTS = {
  syncPeriod: 15_000,
  tolerance: 0.1,
  downscaleStabilization: 300_000,
  cpuInitializationPeriod: 300_000,
  initialReadinessDelay: 30_000,
} as const;

/** A recommendation: a replica count and the metric's current value, or why none could be made. */
export type Recommendation =
  | { readonly replicas: number; readonly current: number; readonly error?: undefined }
  | { readonly error: string };

interface Groups {
  readonly ready: number;
  readonly ignored: Set<string>;
  readonly missing: Set<string>;
}

/**
 * kube's `groupPods`: pods being deleted and failed pods are skipped; pending pods are ignored; a pod
 * without a metric is missing; for cpu, a pod is ignored while it may still be initialising (within
 * the cpu initialisation period of its start, and unready or sampled before a window had passed since
 * it became ready) or when it is unready and has never been ready (its readiness last changed within
 * the initial readiness delay of its start).
 */
function groupPods(
  pods: readonly PodSample[],
  metrics: ReadonlyMap<string, MetricSample>,
  cpu: boolean,
  now: number,
  settings: CalculatorSettings,
): Groups {
  const ignored = new Set<string>();
  const missing = new Set<string>();
  let ready = 0;
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'failed') continue;
    if (pod.phase === 'pending') {
      ignored.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (metric === undefined) {
      missing.add(pod.name);
      continue;
    }
    if (cpu) {
      let ignore: boolean;
      if (pod.ready === null || pod.startedAt === null) ignore = true;
      else if (pod.startedAt + settings.cpuInitializationPeriod > now) {
        ignore = pod.ready === false || metric.at < pod.readyChangedAt + metric.window;
      } else {
        ignore = pod.ready === false && pod.startedAt + settings.initialReadinessDelay > pod.readyChangedAt;
      }
      if (ignore) {
        ignored.add(pod.name);
        continue;
      }
    }
    ready += 1;
  }
  return { ready, ignored, missing };
}

/** The metrics of the pods listed, less those of `drop`. */
function keep(
  pods: readonly PodSample[],
  metrics: ReadonlyMap<string, MetricSample>,
  drop: ReadonlySet<string>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'failed' || drop.has(pod.name)) continue;
    const m = metrics.get(pod.name);
    if (m !== undefined) out.set(pod.name, m.value);
  }
  return out;
}

/** kube's `GetResourceUtilizationRatio`: integer utilisation (percent of the requests, truncated) over the target. */
function utilizationRatio(
  values: ReadonlyMap<string, number>,
  requests: ReadonlyMap<string, number>,
  target: number,
): { ratio: number; utilization: number } | null {
  let used = 0;
  let requested = 0;
  for (const [name, value] of values) {
    const request = requests.get(name);
    if (request === undefined) continue;
    used += value;
    requested += request;
  }
  if (requested === 0) return null;
  const utilization = Math.trunc((used * 100) / requested);
  return { ratio: utilization / target, utilization };
}

/** kube's `GetMetricUtilizationRatio`: the integer mean of the values over the target. */
function averageRatio(values: ReadonlyMap<string, number>, target: number): { ratio: number; average: number } {
  let total = 0;
  for (const value of values.values()) total += value;
  const average = Math.trunc(total / values.size);
  return { ratio: average / target, average };
}

/**
 * The shared second half of `GetResourceReplicas` and `calcPlainMetricReplicas`: with no unready or
 * missing pod to account for, `ceil(ratio × ready)` unless within tolerance; otherwise missing pods
 * count at 100 % of the target on a scale-down and 0 on a scale-up, ignored pods at 0 on a scale-up,
 * and the ratio is recomputed; the scale holds if that lands within tolerance or flips direction.
 */
function rebalance(
  current: number,
  groups: Groups,
  values: Map<string, number>,
  first: number,
  recompute: (values: ReadonlyMap<string, number>) => number,
  fullValue: (pod: string) => number,
  settings: CalculatorSettings,
): number {
  const rebalanceIgnored = groups.ignored.size > 0 && first > 1;
  if (!rebalanceIgnored && groups.missing.size === 0) {
    if (Math.abs(1 - first) <= settings.tolerance) return current;
    return Math.ceil(first * groups.ready);
  }
  if (groups.missing.size > 0) {
    for (const pod of groups.missing) values.set(pod, first < 1 ? fullValue(pod) : 0);
  }
  if (rebalanceIgnored) for (const pod of groups.ignored) values.set(pod, 0);
  const next = recompute(values);
  if (Math.abs(1 - next) <= settings.tolerance || (first < 1 && next > 1) || (first > 1 && next < 1)) return current;
  const replicas = Math.ceil(next * values.size);
  if ((next < 1 && replicas > current) || (next > 1 && replicas < current)) return current;
  return replicas;
}

/**
 * Replicas for a resource metric with a target utilisation (percent of the request), as kube's
 * `GetResourceReplicas`. `current` is the scale's replica count; `cpu` turns on the readiness rules of
 * groupPods (kube applies them to cpu only). `current` in the result is the utilisation, percent.
 */
export function resourceReplicas(
  current: number,
  targetUtilization: number,
  pods: readonly PodSample[],
  metrics: ReadonlyMap<string, MetricSample>,
  cpu: boolean,
  now: number,
  settings: CalculatorSettings,
): Recommendation {
  if (pods.length === 0) return { error: 'no pods returned by selector while calculating replica count' };
  const groups = groupPods(pods, metrics, cpu, now, settings);
  const values = keep(pods, metrics, groups.ignored);
  if (values.size === 0) return { error: 'did not receive metrics for any ready pods' };
  const requests = new Map(pods.map((p) => [p.name, p.request]));
  const first = utilizationRatio(values, requests, targetUtilization);
  if (first === null) return { error: 'the pods request none of the resource' };
  const replicas = rebalance(
    current,
    groups,
    values,
    first.ratio,
    (v) => utilizationRatio(v, requests, targetUtilization)!.ratio,
    (pod) => requests.get(pod) ?? 0,
    settings,
  );
  return { replicas, current: first.utilization };
}

/**
 * Replicas for a per-pod metric with a target average value (milli-units), as kube's
 * `GetMetricReplicas` / `calcPlainMetricReplicas` (also `GetRawResourceReplicas`, a resource's
 * `averageValue`, where `cpu` turns on groupPods' readiness rules as kube does for the cpu resource;
 * a custom metric passes no resource, so they do not apply). `current` in the result is the average,
 * milli-units.
 */
export function averageValueReplicas(
  current: number,
  targetAverage: number,
  pods: readonly PodSample[],
  metrics: ReadonlyMap<string, MetricSample>,
  now: number,
  settings: CalculatorSettings,
  cpu = false,
): Recommendation {
  if (pods.length === 0) return { error: 'no pods returned by selector while calculating replica count' };
  const groups = groupPods(pods, metrics, cpu, now, settings);
  const values = keep(pods, metrics, groups.ignored);
  if (values.size === 0) return { error: 'did not receive metrics for any ready pods' };
  const first = averageRatio(values, targetAverage);
  const replicas = rebalance(
    current,
    groups,
    values,
    first.ratio,
    (v) => averageRatio(v, targetAverage).ratio,
    () => targetAverage,
    settings,
  );
  return { replicas, current: first.average };
}

/**
 * Replicas for an external metric with a target value (kube's `GetExternalMetricReplicas` and
 * `getUsageRatioReplicaCount`): ratio = total / target; within tolerance nothing changes; else
 * `ceil(ratio × ready pods)`, or `ceil(ratio)` from zero replicas (scale to and from zero).
 */
export function externalValueReplicas(
  current: number,
  target: number,
  total: number,
  readyPods: number,
  settings: CalculatorSettings,
): Recommendation {
  const ratio = total / target;
  if (current === 0) return { replicas: Math.ceil(ratio), current: total };
  if (Math.abs(1 - ratio) <= settings.tolerance) return { replicas: current, current: total };
  return { replicas: Math.ceil(ratio * readyPods), current: total };
}

/**
 * Replicas for an external metric with a target average value per pod (kube's
 * `GetExternalPerPodMetricReplicas`): ratio = total / (target × replicas); outside tolerance,
 * `ceil(total / target)`. `current` in the result is the total per replica, rounded up.
 */
export function externalAverageReplicas(
  statusReplicas: number,
  targetPerPod: number,
  total: number,
  settings: CalculatorSettings,
): Recommendation {
  const ratio = total / (targetPerPod * statusReplicas);
  const replicas = Math.abs(1 - ratio) > settings.tolerance ? Math.ceil(total / targetPerPod) : statusReplicas;
  return { replicas, current: Math.ceil(total / statusReplicas) };
}
