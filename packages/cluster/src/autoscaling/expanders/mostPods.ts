import { type Expander, lowest } from './Expander.js';

/** cluster-autoscaler's `most-pods` expander (`expander/mostpods`): the option that schedules the most containers. */
export function mostPods(): Expander {
  return { name: 'most-pods', bestOptions: (options) => lowest(options, (o) => -o.containers.length) };
}
