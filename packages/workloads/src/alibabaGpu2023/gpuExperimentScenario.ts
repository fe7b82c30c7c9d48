import type { GpuNodeSpec, GpuPod, ScenarioInput } from '@berth/cluster';

/**
 * Milliseconds between two arrivals: 50 µs, so that ten thousand pods arrive within the 1 s before
 * kube-scheduler's first retry of a refused pod. The paper never retries one (and with no departures a
 * retry could not succeed anyway: free capacity only shrinks), so the run ends at the horizon without
 * spending time on retries.
 */
const EVERY_MS = 0.05;

/** Options of {@link gpuExperimentScenario}. */
export interface GpuExperimentScenarioOptions {
  /** The scenario's name. */
  readonly name?: string | undefined;
  /** Arrivals as a multiple of the hosts' GPUs (the paper's 1.3). */
  readonly fill?: number | undefined;
  /** The scenario's strategy (default `gpu-fgd`); `berth compare --strategies` overrides it. */
  readonly strategy?: string | undefined;
}

/**
 * The FGD paper's experiment (Weng et al., "Beware of Fragmentation", USENIX ATC 2023, §6) as a
 * scenario, for `berth run` and `berth compare`: one host per node, in node-list order, named
 * `node-0000`, …, and `scheduler.gpuTies: permuted`, so that a tie goes to the first node of a random
 * order drawn once per run, as in the paper's simulator (and `runFragmentationExperiment`'s default);
 * one standalone container per pod, in pod-list order, named `pod-0000`, …; and a `submission` that
 * shuffles them with the run's seed, appends copies drawn with replacement up to `fill` × the GPUs,
 * submits one every 50 µs and never lets one finish; the horizon is just past the last arrival. A host takes any number of containers
 * (the paper's cluster has no pod limit that binds). Cpu and memory are written with their units.
 */
export function gpuExperimentScenario(
  nodes: readonly GpuNodeSpec[],
  pods: readonly GpuPod[],
  options: GpuExperimentScenarioOptions = {},
): ScenarioInput {
  const fill = options.fill ?? 1.3;
  // The run's end: after the last arrival. Resampling appends about (target − asked) / (mean ask) copies;
  // twice that is room enough (a shuffle that needs more is vanishingly unlikely).
  let capacity = 0;
  for (const node of nodes) capacity += node.gpus * 1000;
  const asked = pods.reduce((sum, pod) => sum + pod.milli * pod.count, 0);
  const copies = asked === 0 ? 0 : Math.max(0, (fill * capacity - asked) / (asked / pods.length));
  const horizon = Math.ceil((pods.length + 2 * copies + 10) * EVERY_MS);
  const width = (n: number) => String(Math.max(n - 1, 0)).length;
  const hostWidth = Math.max(4, width(nodes.length));
  const podWidth = Math.max(4, width(pods.length));
  return {
    ...(options.name === undefined ? {} : { name: options.name }),
    horizon,
    scheduler: { strategy: options.strategy ?? 'gpu-fgd', gpuTies: 'permuted' },
    hosts: nodes.map((node, i) => ({
      name: `node-${String(i).padStart(hostWidth, '0')}`,
      capacity: { cpu: `${node.cpu}m`, memory: `${node.memory}Mi` },
      maxContainers: 1_000_000,
      ...(node.gpus > 0 ? { gpus: { model: node.model, count: node.gpus } } : {}),
    })),
    containers: pods.map((pod, i) => ({
      name: `pod-${String(i).padStart(podWidth, '0')}`,
      requests: { cpu: `${pod.cpu}m`, memory: `${pod.memory}Mi` },
      ...(pod.count === 0
        ? {}
        : {
            gpu: {
              ...(pod.milli < 1000 ? { milli: pod.milli } : { count: pod.count }),
              ...(pod.models === undefined ? {} : { models: [...pod.models] }),
            },
          }),
    })),
    submission: { order: 'shuffled', fill: { gpu: fill }, every: EVERY_MS, forever: true },
  };
}
