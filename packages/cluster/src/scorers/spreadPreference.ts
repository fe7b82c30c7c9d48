import type { HostView } from '../hosts/Host.js';
import type { Scorer } from '../scheduler/Scorer.js';

/** Per attempt: branch path → tasks of the service on the feasible hosts of that branch. */
interface SpreadPreferenceState {
  counts: Map<string, number>;
  keys: readonly string[];
}

/**
 * One level of SwarmKit's placement preferences (`--placement-pref spread=node.labels.<label>`;
 * moby/swarmkit manager/scheduler/nodeset.go `tree` and scheduler.go `scheduleNTasksOnSubtree`).
 * SwarmKit arranges the hosts that pass the filters into a tree, one level per preference, a branch
 * per label value (hosts without the label form a branch of their own, the value ""), counts the
 * service's tasks in each branch and splits new tasks so that branches become even. Placing one task
 * at a time, that is: at each level, the branch with fewest tasks of the service among those that
 * still hold a feasible host. The raw score of a host at level `level` (0 = outermost) is that count
 * for its branch (its values of the first `level + 1` labels), counted over the feasible hosts;
 * lowest wins. Skipped for containers without a service or with fewer preferences.
 *
 * Deviation: SwarmKit schedules a batch of tasks at once and fills every branch below the even level
 * in map order, so with uneven branches one task may go to a branch that is not the emptiest; Berth
 * always takes the emptiest (ties at random).
 */
export function spreadPreference(level: number): Scorer<SpreadPreferenceState> {
  if (!(Number.isInteger(level) && level >= 0)) throw new RangeError(`level: expected an integer >= 0, got ${level}`);
  return {
    name: `SpreadPreference${level + 1}`,
    createState: () => ({ counts: new Map(), keys: [] }),
    prepare: (request, cluster, candidates, state) => {
      const keys = request.preferences;
      const service = request.service;
      if (keys === undefined || service === undefined || keys.length <= level) return false;
      state.keys = keys;
      const counts = state.counts;
      counts.clear();
      for (const host of candidates ?? cluster.hosts) {
        const branch = branchOf(host, keys, level);
        counts.set(branch, (counts.get(branch) ?? 0) + host.serviceCount(service));
      }
      return true;
    },
    score: (_request, host, _cluster, state) => state.counts.get(branchOf(host, state.keys, level)) ?? 0,
  };
}

/** The host's label values for the first `level + 1` preferences, joined: its branch of the tree. */
function branchOf(host: HostView, keys: readonly string[], level: number): string {
  let path = host.labels[keys[0]!] ?? '';
  for (let i = 1; i <= level; i++) path += `\u0000${host.labels[keys[i]!] ?? ''}`;
  return path;
}
