import { type Expander, lowest } from './Expander.js';

/**
 * cluster-autoscaler's `priority` expander (`expander/priority`): the node group with the highest
 * user-set priority. The real one reads priorities from a ConfigMap of name patterns; here each node
 * group carries its `priority`.
 */
export function priorityExpander(): Expander {
  return { name: 'priority', bestOptions: (options) => lowest(options, (o) => -o.group.priority) };
}
