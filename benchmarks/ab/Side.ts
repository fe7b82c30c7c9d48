import { pathToFileURL } from 'node:url';
import type { ClusterApi } from '../cluster/ClusterApi.js';
import type { runPlacement } from '../cluster/runPlacement.js';
import { schedulingBasicScenario } from '../cluster/schedulingBasic.js';
import type { runFailureScenario } from '../failures/runFailureScenario.js';
import type { runCallbackModel } from '../kernel/callbackModel.js';
import type { runGeneratorModel } from '../kernel/generatorModel.js';
import type { KernelApi } from '../kernel/KernelApi.js';
import { type CompiledBuild, packageEntry } from './CompiledBuild.js';

/** The benchmark functions one side runs: the same code as the other benchmarks use. */
export interface BenchmarkHelpers {
  readonly runGeneratorModel: typeof runGeneratorModel;
  readonly runCallbackModel: typeof runCallbackModel;
  readonly runPlacement: typeof runPlacement;
  readonly runFailureScenario: typeof runFailureScenario;
}

/** One side of an A/B comparison: a build of the packages, and its own copies of the benchmark helpers. */
export interface Side {
  /** `A` (the ref, "before") or `B` (the working tree, "after"). */
  readonly name: 'A' | 'B';
  /** What the side runs, for the report. */
  readonly label: string;
  readonly kernel: KernelApi;
  readonly cluster: ClusterApi;
  readonly helpers: BenchmarkHelpers;
}

const KERNEL_NAMES = ['Environment', 'createRandom', 'exponentialDist', 'lognormalFromMeanCv'] as const;
const CLUSTER_NAMES = ['createSimulation', 'collectAvailability', 'randomHostFailures'] as const;

function checkExports(module: Record<string, unknown>, names: readonly string[], what: string): void {
  const missing = names.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`${what} does not export ${missing.join(', ')}, which the A/B benchmarks call`);
  }
}

/**
 * Imports a build's compiled kernel and cluster package by file URL. The cluster's own import of
 * `@berth/kernel` resolves, through the build's node_modules, to the same kernel module (checked).
 */
export async function loadBuild(build: CompiledBuild): Promise<{ kernel: KernelApi; cluster: ClusterApi }> {
  const kernel = (await import(pathToFileURL(packageEntry(build, 'kernel')).href)) as Record<string, unknown>;
  const cluster = (await import(pathToFileURL(packageEntry(build, 'cluster')).href)) as Record<string, unknown>;
  checkExports(kernel, KERNEL_NAMES, `${build.label}: @berth/kernel`);
  checkExports(cluster, CLUSTER_NAMES, `${build.label}: @berth/cluster`);
  const api = { kernel: kernel as unknown as KernelApi, cluster: cluster as unknown as ClusterApi };
  // The cluster must run on this very kernel module: not on a second copy, nor on the kernel's sources.
  const sim = api.cluster.createSimulation(schedulingBasicScenario({ hosts: 1, containers: 1 }));
  if (!(sim.env instanceof api.kernel.Environment)) {
    throw new Error(
      `${build.label}: the compiled cluster package loaded another kernel than ${packageEntry(build, 'kernel')}`,
    );
  }
  return api;
}

/**
 * The benchmark helpers as a fresh set of module instances, one set per side (`instance` goes into the
 * module URL's query, so the loader makes new modules). V8 keeps type feedback per function: helpers
 * shared by both sides would see both builds' classes at every call site and run polymorphic, which
 * neither the standalone benchmarks nor users do. Their own imports (scenario builders, constants) are
 * shared; nothing hot runs there.
 */
export async function loadHelpers(instance: string): Promise<BenchmarkHelpers> {
  const load = (path: string): Promise<unknown> =>
    import(new URL(`${path}?instance=${encodeURIComponent(instance)}`, import.meta.url).href);
  const generator = (await load('../kernel/generatorModel.ts')) as typeof import('../kernel/generatorModel.js');
  const callback = (await load('../kernel/callbackModel.ts')) as typeof import('../kernel/callbackModel.js');
  const placement = (await load('../cluster/runPlacement.ts')) as typeof import('../cluster/runPlacement.js');
  const failures = (await load(
    '../failures/runFailureScenario.ts',
  )) as typeof import('../failures/runFailureScenario.js');
  return {
    runGeneratorModel: generator.runGeneratorModel,
    runCallbackModel: callback.runCallbackModel,
    runPlacement: placement.runPlacement,
    runFailureScenario: failures.runFailureScenario,
  };
}
