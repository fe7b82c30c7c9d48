import type { GpuPod } from './GpuPolicy.js';

/**
 * The FGD paper's typical-pod distribution M (Weng et al., USENIX ATC 2023, §4; the simulator's
 * `GetTypicalPods` with the experiments' `podPopularityThreshold: 95`, `podIncreaseStep: 1`,
 * `isInvolvedCpuPods: true`): pods grouped by (cpu, GPU count, milli per GPU, accepted models), the
 * groups taken from the most frequent down until they cover 95 % of the pods, their frequencies then
 * renormalised to sum to 1. Memory is not part of a group (the paper's measure ignores it).
 */
export interface TypicalPods {
  /** Demands by (milli, count, models), each with its specs sorted by cpu and cumulative frequency. */
  readonly demands: readonly TypicalDemand[];
  /** Total frequency of CPU-only typical pods: on any node they leave every idle GPU a fragment. */
  readonly cpuOnly: number;
  /** Number of specs kept. */
  readonly specs: number;
}

/** Typical pods sharing one GPU demand, by increasing cpu: `cumulative[i]` = Σ frequencies of specs 0..i. */
export interface TypicalDemand {
  readonly milli: number;
  readonly count: number;
  readonly models: readonly string[] | undefined;
  readonly cpu: Float64Array;
  readonly cumulative: Float64Array;
  /** Σ frequencies of the demand's specs. */
  readonly total: number;
}

/** Builds M from a pod list (the trace as published). `threshold` is the share of pods covered (0.95). */
export function typicalPods(pods: readonly GpuPod[], threshold = 0.95): TypicalPods {
  const groups = new Map<string, { pod: GpuPod; count: number }>();
  for (const pod of pods) {
    const key = `${pod.cpu}/${pod.count}/${pod.milli}/${pod.models?.join('|') ?? ''}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { pod, count: 1 });
    else g.count += 1;
  }
  // Most frequent first; equal counts by cpu, milli, count, models (the simulator's PodResource order).
  const sorted = [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.pod.cpu - b.pod.cpu ||
      a.pod.milli - b.pod.milli ||
      a.pod.count - b.pod.count ||
      (a.pod.models?.join('|') ?? '').localeCompare(b.pod.models?.join('|') ?? ''),
  );
  const wanted = threshold * pods.length;
  const kept: Array<{ pod: GpuPod; count: number }> = [];
  let covered = 0;
  for (const g of sorted) {
    if (covered >= wanted) break;
    kept.push(g);
    covered += g.count;
  }
  const byDemand = new Map<string, Array<{ cpu: number; p: number; pod: GpuPod }>>();
  let cpuOnly = 0;
  for (const { pod, count } of kept) {
    const p = count / covered;
    if (pod.count === 0) {
      cpuOnly += p;
      continue;
    }
    const key = `${pod.count}/${pod.milli}/${pod.models?.join('|') ?? ''}`;
    let list = byDemand.get(key);
    if (list === undefined) {
      list = [];
      byDemand.set(key, list);
    }
    list.push({ cpu: pod.cpu, p, pod });
  }
  const demands: TypicalDemand[] = [];
  for (const list of byDemand.values()) {
    list.sort((a, b) => a.cpu - b.cpu);
    const cumulative = new Float64Array(list.length);
    let sum = 0;
    list.forEach((e, i) => {
      sum += e.p;
      cumulative[i] = sum;
    });
    const first = list[0]!.pod;
    demands.push({
      milli: first.milli,
      count: first.count,
      models: first.models,
      cpu: Float64Array.from(list, (e) => e.cpu),
      cumulative,
      total: sum,
    });
  }
  return { demands, cpuOnly, specs: kept.length };
}
