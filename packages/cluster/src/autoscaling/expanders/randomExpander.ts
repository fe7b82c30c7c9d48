import type { Expander } from './Expander.js';

/**
 * cluster-autoscaler's `random` expander (`expander/random`): every option is as good. It keeps them all; the
 * cluster autoscaler's final tie-break (a seeded draw) picks one, so a chain ending in `random`
 * behaves as the real one does.
 */
export function randomExpander(): Expander {
  return { name: 'random', bestOptions: (options) => options };
}
