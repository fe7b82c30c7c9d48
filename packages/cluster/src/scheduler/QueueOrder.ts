import type { Container } from '../containers/Container.js';

/**
 * The order in which waiting containers get their scheduling attempt: kube-scheduler's QueueSort
 * extension point, plus tenant fairness. Implementations keep their own structure.
 */
export interface QueueOrder {
  readonly name: string;
  push(container: Container): void;
  /** The next container to try, or undefined when empty. */
  pop(): Container | undefined;
  readonly size: number;
  /** Called when a container is bound or released, for orders that depend on usage (DRF). */
  usageChanged?(container: Container, delta: 1 | -1): void;
}
