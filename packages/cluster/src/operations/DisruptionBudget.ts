import { argumentError } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import { resolveCount } from '../controllers/DeploymentController.js';

/**
 * A service's disruption budget, as Kubernetes' PodDisruptionBudget: at most one of `minAvailable`
 * (ready replicas that must remain after an eviction) or `maxUnavailable` (replicas that may be
 * unready after it), each a count or a percentage of the desired replicas such as `'50%'`.
 * Percentages round up in both cases (kubernetes.io "Specifying a Disruption Budget", rounding logic;
 * pkg/controller/disruption), so `maxUnavailable: '30%'` of 3 allows one disruption.
 */
export interface DisruptionBudget {
  readonly minAvailable?: number | string | undefined;
  readonly maxUnavailable?: number | string | undefined;
}

/** Disruption budgets by service name. */
export type DisruptionBudgets = Readonly<Record<string, DisruptionBudget>>;

const PERCENT = /^\d+(?:\.\d+)?%$/;

/** Throws a ConfigError naming the first bad budget under `path` (e.g. `budgets.web.minAvailable`). */
export function validateBudgets(budgets: DisruptionBudgets | undefined, path: string): void {
  if (budgets === undefined) return;
  if (typeof budgets !== 'object' || budgets === null)
    throw argumentError(path, 'expected a record of budgets by service');
  for (const [service, budget] of Object.entries(budgets)) {
    const here = `${path}.${service}`;
    if (budget.minAvailable !== undefined && budget.maxUnavailable !== undefined) {
      throw argumentError(here, 'minAvailable and maxUnavailable are mutually exclusive; give one of them');
    }
    for (const key of ['minAvailable', 'maxUnavailable'] as const) {
      const value = budget[key];
      if (value === undefined) continue;
      const ok = typeof value === 'number' ? Number.isInteger(value) && value >= 0 : PERCENT.test(value.trim());
      if (!ok)
        throw argumentError(
          `${here}.${key}`,
          `expected an integer >= 0 or a percentage such as '50%', got ${JSON.stringify(value)}`,
        );
    }
  }
}

/**
 * The ready replicas a budget requires (the PDB's `desiredHealthy`) for a service that wants
 * `expected` replicas: `minAvailable`, or `expected − maxUnavailable`, percentages rounded up.
 */
export function desiredHealthy(budget: DisruptionBudget, expected: number): number {
  if (budget.minAvailable !== undefined) return resolveCount(budget.minAvailable, expected, Math.ceil);
  if (budget.maxUnavailable !== undefined) {
    return Math.max(0, expected - resolveCount(budget.maxUnavailable, expected, Math.ceil));
  }
  return 0;
}

/**
 * Whether the Eviction API would let `container` go now, given its service's budget, the number of
 * ready replicas and the desired count. Returns null when allowed, else the refusal (Kubernetes
 * answers HTTP 429). A container that never started running (Kubernetes' Pending phase) is always
 * evictable; a running but unready one only while the budget is met (the default
 * `unhealthyPodEvictionPolicy: IfHealthyBudget`); a ready one while one disruption is allowed
 * (`disruptionsAllowed = ready − desiredHealthy ≥ 1`).
 */
export function evictionRefusal(
  container: Container,
  budget: DisruptionBudget | undefined,
  ready: number,
  expected: number,
): string | null {
  if (budget === undefined || container.startedAt < 0) return null;
  const needed = desiredHealthy(budget, expected);
  if (container.health.ready) {
    return ready - needed >= 1 ? null : `disruption budget: ${ready} ready, ${needed} required`;
  }
  return ready >= needed ? null : `disruption budget: ${ready} ready, ${needed} required (unhealthy replica)`;
}
