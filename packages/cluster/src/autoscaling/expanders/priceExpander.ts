import { type Expander, lowest } from './Expander.js';

/**
 * A `price` expander: the option that costs least per container it schedules, `nodeCount × hourlyCost
 * / containers`. Simplified from cluster-autoscaler's (`expander/price`, GCE/GKE only), which divides
 * the new hosts' price by the price of the pods' requests and prefers hosts near a preferred size; the
 * node-size preference is not modelled.
 */
export function priceExpander(): Expander {
  return {
    name: 'price',
    bestOptions: (options) =>
      lowest(options, (o) => (o.nodeCount * o.group.hourlyCost) / Math.max(o.containers.length, 1)),
  };
}
