import type { Container } from '../containers/Container.js';
import type { DisruptionBudgets } from '../operations/DisruptionBudget.js';
import { desiredHealthy } from '../operations/DisruptionBudget.js';
import type { ReadyReplicas } from '../operations/ReadyReplicas.js';

/** The container label that keeps a node from cluster-autoscaler's scale-down when set to 'false'. */
export const SAFE_TO_EVICT = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
/** The container label that keeps a node from Karpenter's voluntary disruption when set to 'true'. */
export const DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';

/**
 * Why the containers of a node cannot all be moved, or null when they can: the cluster autoscaler's
 * drainability rules (FAQ "What types of pods can prevent CA from removing a node?") and Karpenter's
 * pod-level controls. A container without a controller (a bare container: nothing would recreate
 * it) blocks; so does one labelled `safe-to-evict: 'false'` or `do-not-disrupt: 'true'`; so does a
 * service whose disruption budget does not allow evicting all of its started containers on the node:
 * as cluster-autoscaler's PDB tracking, every container of the service counts against the budget's
 * disruptions allowed (ready replicas − those the budget requires, percentages rounded up), less those
 * already `spent` on other nodes chosen in the same pass. Job tasks move: their job retries them
 * elsewhere. Containers not started yet never block.
 */
export function whyUnmovable(
  containers: Iterable<Container>,
  budgets: DisruptionBudgets,
  ready: ReadyReplicas,
  spent?: ReadonlyMap<string, number>,
): string | null {
  let perService: Map<string, number> | null = null;
  for (const c of containers) {
    if (c.labels[SAFE_TO_EVICT] === 'false') return `${c.name} is labelled ${SAFE_TO_EVICT}: 'false'`;
    if (c.labels[DO_NOT_DISRUPT] === 'true') return `${c.name} is labelled ${DO_NOT_DISRUPT}: 'true'`;
    if (c.service === undefined && c.spec.job === undefined) return `${c.name} has no controller to recreate it`;
    if (c.service !== undefined && Object.hasOwn(budgets, c.service) && c.startedAt >= 0) {
      perService ??= new Map();
      perService.set(c.service, (perService.get(c.service) ?? 0) + 1);
    }
  }
  if (perService === null) return null;
  for (const [service, count] of perService) {
    const allowed =
      ready.of(service) - desiredHealthy(budgets[service]!, ready.expected(service)) - (spent?.get(service) ?? 0);
    if (allowed < count)
      return `disruption budget of ${service}: ${Math.max(allowed, 0)} disruption(s) allowed, ${count} needed`;
  }
  return null;
}

/** Adds the disruptions that moving `containers` takes from their services' budgets to `spent`. */
export function spendBudgets(
  containers: Iterable<Container>,
  budgets: DisruptionBudgets,
  spent: Map<string, number>,
): void {
  for (const c of containers) {
    if (c.service !== undefined && Object.hasOwn(budgets, c.service) && c.startedAt >= 0)
      spent.set(c.service, (spent.get(c.service) ?? 0) + 1);
  }
}
