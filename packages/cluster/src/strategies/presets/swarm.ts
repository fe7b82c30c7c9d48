import { defaultFilters } from '../../filters/defaultFilters.js';
import type { Strategy } from '../../scheduler/Strategy.js';
import { fewestContainers } from '../../scorers/fewestContainers.js';
import { fewestServiceTasks } from '../../scorers/fewestServiceTasks.js';
import { recentFailures } from '../../scorers/recentFailures.js';
import { spreadPreference } from '../../scorers/spreadPreference.js';
import { swarmWeight } from '../../scorers/swarmWeight.js';
import { OrderedSelector, type RankKey } from '../../selectors/OrderedSelector.js';

/** Docker Swarm classic's placement strategies (`swarm manage --strategy`). */
export type SwarmStrategyName = 'spread' | 'binpack' | 'random';

/**
 * Docker Swarm classic's placement (docker-archive/classicswarm scheduler/strategy: spread.go,
 * binpack.go, random.go, weighted_node.go), over every host (Swarm scans them all):
 * - `spread`: lowest {@link swarmWeight} (cpu% + mem% after placement), ties to fewer containers;
 * - `binpack`: highest weight, ties to more containers;
 * - `random`: uniform among the feasible hosts.
 * Ties left after those keys go to the scheduler's random stream (Swarm's `sort.Sort` is unstable).
 * Unlike Swarm's random strategy, which checks no resources, every strategy here keeps the resource
 * filter, so hosts are never over-committed. No preemption unless the scenario asks for it.
 */
export function swarmStrategy(
  strategy: SwarmStrategyName,
  options?: { readonly preemption?: boolean | undefined },
): Strategy {
  return orderedStrategy(`swarm-${strategy}`, swarmKeys(strategy), options?.preemption);
}

/** Placement preferences a container may list (the scenario schema's limit); one ordering key each. */
export const MAX_PLACEMENT_PREFERENCES = 8;

/**
 * SwarmKit's (Docker swarm mode's) placement (moby/swarmkit manager/scheduler/scheduler.go): after the
 * filters, the container's placement preferences (`spread: node.labels.<label>`, {@link spreadPreference}),
 * level by level: the branch of the preference tree with fewest tasks of the service; then, inside
 * it, `nodeLess`: a host where the service failed at least 5 times in the last 5 minutes loses to one
 * with fewer failures ({@link recentFailures}), then fewest active tasks of the service, then fewest
 * tasks in total; remaining ties go to the scheduler's random stream. Resource reservations only
 * filter; there is no utilisation score.
 *
 * Berth restarts a crashed replica in place for every preset (the kubelet's model), where SwarmKit
 * replaces the failed task with a new one that the scheduler places again; the failure rule therefore
 * acts when a new task of the service is placed (a job task's retry, a replacement after an eviction
 * or a host failure, a scale-up).
 */
export function swarmkitStrategy(options?: { readonly preemption?: boolean | undefined }): Strategy {
  const preferences: RankKey[] = Array.from({ length: MAX_PLACEMENT_PREFERENCES }, (_, level) => ({
    scorer: spreadPreference(level),
    prefer: 'lowest',
  }));
  return orderedStrategy(
    'swarmkit',
    [
      ...preferences,
      { scorer: recentFailures(), prefer: 'lowest' },
      { scorer: fewestServiceTasks(), prefer: 'lowest' },
      { scorer: fewestContainers(), prefer: 'lowest' },
    ],
    options?.preemption,
  );
}

function swarmKeys(strategy: SwarmStrategyName): RankKey[] {
  switch (strategy) {
    case 'spread':
      return [
        { scorer: swarmWeight(), prefer: 'lowest' },
        { scorer: fewestContainers(), prefer: 'lowest' },
      ];
    case 'binpack':
      return [
        { scorer: swarmWeight(), prefer: 'highest' },
        { scorer: fewestContainers(), prefer: 'highest' },
      ];
    case 'random':
      return [];
    default:
      throw new RangeError(`unknown Swarm strategy '${String(strategy)}'; known: spread, binpack, random`);
  }
}

function orderedStrategy(name: string, keys: RankKey[], preemption: boolean | undefined): Strategy {
  return {
    name,
    filters: defaultFilters(),
    selector: new OrderedSelector(name, keys),
    preemption: preemption ?? false,
  };
}
