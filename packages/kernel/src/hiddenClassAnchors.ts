// Imported for its effect, after every class of the kernel is defined (see HIDDEN_CLASS_ANCHORS).
import { Environment } from './Environment.js';
import type { ProcessGenerator } from './Process.js';
// Subclasses of SimEvent: defined before the anchors are built.
import './resources/Container.js';
import './resources/FilterStore.js';
import './resources/PreemptiveRequest.js';
import './resources/ResourceRequest.js';
import './resources/Store.js';

/**
 * Runs a tiny simulation once and returns what it used, to be held for as long as the kernel is loaded.
 *
 * V8 gives the objects of a class a hidden class (a "map") per set of fields, reached from the class's
 * initial map through transitions that it holds weakly: a map lives only while some object has it.
 * Once every environment, event and process of a simulation has been collected, the next simulation
 * builds new maps, and every optimised kernel function specialised to the old ones is thrown away,
 * runs unoptimised again and is re-optimised — on every run. A program that runs many simulations (a
 * parameter sweep, a test suite, the kernel benchmark, which collects garbage between runs) paid that
 * warm-up each time; in the reference benchmark it was most of the generator API's gap to the bare loop.
 * One environment (with its agenda), process, timeout and callback, whose fields have held the kinds
 * of value they hold in use (fractional times, a return value), keep those maps alive, so that later
 * objects take them and the optimised code stays valid.
 *
 * It runs after every class of the kernel is defined, so that no class is added to the hierarchy under
 * objects already built. Callback is a base class for a related reason (see Callback.ts).
 */
function anchorHiddenClasses(): readonly object[] {
  const env = new Environment();
  const timeout = env.timeout(0.5);
  const callback = env.schedule(0.75, () => {});
  const worker = env.process(
    (function* (): ProcessGenerator<number> {
      yield env.timeout(1.25);
      return 1;
    })(),
  );
  env.run();
  return [env, timeout, callback, worker];
}

/**
 * @internal Nothing reads or changes these objects after they are built: they carry no state between
 * environments. Exported only so that the binding, and what it holds, lives as long as the module.
 */
export const HIDDEN_CLASS_ANCHORS: readonly object[] = anchorHiddenClasses();
