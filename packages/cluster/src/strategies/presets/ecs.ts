import { argumentError } from '@berth/kernel';
import { defaultFilters } from '../../filters/defaultFilters.js';
import type { Filter } from '../../scheduler/Filter.js';
import type { Strategy } from '../../scheduler/Strategy.js';
import { type EcsBinpackField, ecsBinpack } from '../../scorers/ecsBinpack.js';
import { ecsSpread, ecsSpreadKey } from '../../scorers/ecsSpread.js';
import { OrderedSelector, type RankKey } from '../../selectors/OrderedSelector.js';

/** One entry of an ECS service's `placementStrategy` list. */
export type EcsPlacementStrategy =
  | { readonly type: 'binpack'; readonly field: EcsBinpackField }
  | { readonly type: 'spread'; readonly field: string }
  | { readonly type: 'random' };

/** ECS accepts at most this many placement strategies per service or task. */
export const ECS_MAX_STRATEGIES = 5;

/**
 * Amazon ECS task placement on the EC2 launch type (docs.aws.amazon.com/AmazonECS/latest/
 * developerguide/task-placement.html and task-placement-strategies.html): hosts are filtered by
 * resources, ports and constraints, then the strategies are applied in order, each keeping only the
 * hosts it ranks best, so later strategies break the earlier ones' ties ("chained" strategies):
 * `binpack` on cpu or memory keeps the hosts with the least of it left ({@link ecsBinpack}), `spread`
 * on an attribute keeps the values with fewest tasks of the service ({@link ecsSpread}), `random`
 * picks one at random (so strategies after it have nothing left to decide). Ties left at the end go to
 * the scheduler's random stream.
 *
 * Constraints: `distinctInstance` is the container's `antiAffinity: hostname` (the built-in
 * anti-affinity filter, one container of the service per host); `memberOf` is a
 * `memberOf` filter (filters/memberOf.ts) passed in `constraints`. Every host is considered (ECS has no sampling);
 * no preemption unless asked for.
 */
export function ecsStrategy(options: {
  readonly strategies: readonly EcsPlacementStrategy[];
  readonly constraints?: readonly Filter[] | undefined;
  readonly name?: string | undefined;
  readonly preemption?: boolean | undefined;
}): Strategy {
  const strategies = options.strategies;
  if (!Array.isArray(strategies) || strategies.length > ECS_MAX_STRATEGIES) {
    throw argumentError('strategies', `expected a list of at most ${ECS_MAX_STRATEGIES} ECS placement strategies`);
  }
  const name = options.name ?? ecsPresetName(strategies);
  return {
    name,
    filters: [...defaultFilters(), ...(options.constraints ?? [])],
    selector: new OrderedSelector(name, ecsKeys(strategies)),
    preemption: options.preemption ?? false,
  };
}

/**
 * The preset name of a strategy chain: `ecs-` and the steps in order, `binpack-<cpu|memory>`,
 * `spread-<label>` (`spread-instance` for `instanceId`/`host`) or `random`, joined by `-`.
 */
export function ecsPresetName(strategies: readonly EcsPlacementStrategy[]): string {
  const steps = strategies.map((s) => {
    if (s.type === 'binpack') return `binpack-${s.field}`;
    if (s.type === 'spread')
      return s.field === 'instanceId' || s.field === 'host' ? 'spread-instance' : `spread-${ecsSpreadKey(s.field)}`;
    return 'random';
  });
  return ['ecs', ...steps].join('-');
}

function ecsKeys(strategies: readonly EcsPlacementStrategy[]): RankKey[] {
  const keys: RankKey[] = [];
  for (const [i, s] of strategies.entries()) {
    switch (s.type) {
      case 'binpack':
        keys.push({ scorer: ecsBinpack(s.field), prefer: 'lowest' });
        break;
      case 'spread':
        keys.push({ scorer: ecsSpread(s.field), prefer: 'lowest' });
        break;
      case 'random':
        // The strategy's final random pick among the survivors is exactly this step.
        return keys;
      default:
        throw argumentError(
          `strategies[${i}].type`,
          `expected 'binpack', 'spread' or 'random', got '${String((s as { type: unknown }).type)}'`,
        );
    }
  }
  return keys;
}
