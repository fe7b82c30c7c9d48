// Module-level state kept on purpose: a tiny simulation run at import whose objects
// keep V8's hidden classes of the kernel alive between simulations, measured to make later simulations
// 1.1-1.3x as fast (why and how it was measured: the comment on anchorHiddenClasses below). Imported for
// its effect by index.ts, after every class of the kernel is defined.
import { Environment } from './Environment.js';
import type { ProcessGenerator } from './Process.js';
// Subclasses of SimEvent: defined before the anchors are built.
import './resources/Container.js';
import './resources/PreemptiveRequest.js';
import './resources/ResourceRequest.js';
import './resources/Store.js';

/**
 * Runs a tiny simulation once and returns what it used, to be held for as long as the kernel is loaded.
 *
 * Why this module-level state exists. V8 gives the objects of a class a hidden class (a "map") per set
 * of fields, reached from the class's initial map through transitions that it holds weakly: a map lives
 * only while some object has it. Once every environment, event and process of a simulation has been
 * collected, the next simulation builds new maps, and every optimised kernel function specialised to
 * the old ones is thrown away, runs unoptimised again and is re-optimised — on every run. A program
 * that runs many simulations (a parameter sweep, a test suite, the kernel benchmark, which collects
 * garbage between runs) paid that warm-up each time. One environment (with its agenda), process,
 * timeout and callback, whose fields have held the kinds of value they hold in use (fractional times,
 * a return value), keep those maps alive, so that later objects take them and the optimised code stays
 * valid.
 *
 * It still pays (Node 20, V8 11.3): benchmarks/kernel/sameProcessAB.ts, loading a build with this
 * module and one without it in the same process, with garbage collected before every run, measured
 * the reference model (1,000 processes × 1,000 timeouts) 1.08–1.28× as fast with the anchors on the
 * generator API, 1.13–1.27× on `env.schedule` and 1.19–1.30× on `env.reschedule` (three runs;
 * geometric means of both load orders, 11–15 rounds each; an A/A run of two identical builds gives
 * 0.99–1.00; benchmarks/RESULTS.md has the figures). Remove it when a measurement no longer shows a gain.
 *
 * The objects carry no state between environments: nothing reads or changes them after they are built,
 * and a new environment starts from nothing (hiddenClassAnchors.test.ts). It runs after every class of
 * the kernel is defined, so that no class is added to the hierarchy under objects already built.
 * Callback is a base class for a related reason (see Callback.ts).
 */
function anchorHiddenClasses(): readonly object[] {
  const env = new Environment();
  const timeout = env.timeout(0.5);
  const callback = env.schedule(0.75, () => {});
  const timer = env.timer(() => {});
  timer.set(0.5);
  timer.set(1.5);
  const worker = env.process(
    (function* (): ProcessGenerator<number> {
      yield env.timeout(1.25);
      return 1;
    })(),
  );
  env.run();
  return [env, timeout, callback, timer, worker];
}

/**
 * @internal Nothing reads or changes these objects after they are built: they carry no state between
 * environments. Exported only so that the binding, and what it holds, lives as long as the module.
 */
export const HIDDEN_CLASS_ANCHORS: readonly object[] = anchorHiddenClasses();
