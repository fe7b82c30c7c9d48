import type { ExpanderName } from '../../scenario/nodeAutoscalingSchema.js';
import type { Expander } from './Expander.js';
import { leastWaste } from './leastWaste.js';
import { mostPods } from './mostPods.js';
import { priceExpander } from './priceExpander.js';
import { priorityExpander } from './priorityExpander.js';
import { randomExpander } from './randomExpander.js';

/** The built-in expanders by the name cluster-autoscaler's `--expander` flag gives them. */
export const EXPANDERS: Readonly<Record<ExpanderName, () => Expander>> = {
  random: randomExpander,
  'most-pods': mostPods,
  'least-waste': leastWaste,
  price: priceExpander,
  priority: priorityExpander,
};
