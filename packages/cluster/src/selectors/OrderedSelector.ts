import type { HostView } from '../hosts/Host.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { Scorer } from '../scheduler/Scorer.js';
import type { SelectionContext, Selector } from '../scheduler/Selector.js';

/** One sort key of an {@link OrderedSelector}: a scorer's raw score and which end of it wins. */
export interface RankKey {
  readonly scorer: Scorer;
  readonly prefer: 'lowest' | 'highest';
}

/**
 * Placement by successive tie-reducing keys, the shape of Swarm classic's sorted weights, SwarmKit's
 * `nodeLess` and ECS's chained strategies: scan every host, keep the feasible ones, then for each key
 * in order keep only the hosts with the best raw score (a key whose scorer's `prepare` returns false
 * is skipped; `prepare` receives the hosts the earlier keys kept). Raw scores are compared as they are; `normalize` is not used. Hosts still tied after
 * the last key are broken uniformly at random with the scheduler's stream (the real systems leave
 * that order to an unstable sort or a map). With no keys this is uniform random among feasible hosts.
 */
export class OrderedSelector implements Selector {
  private candidates: HostView[] = [];
  private values = new Float64Array(64);
  /** Each key's scorer state, created once: the scorers themselves hold none. */
  private readonly states: unknown[];

  constructor(
    readonly name: string,
    readonly keys: readonly RankKey[],
  ) {
    for (const key of keys) {
      if (key.prefer !== 'lowest' && key.prefer !== 'highest') {
        throw new RangeError(`Key '${key.scorer.name}' of '${name}': prefer must be 'lowest' or 'highest'`);
      }
    }
    this.states = keys.map((key) => key.scorer.createState?.());
  }

  select(request: PlacementRequest, context: SelectionContext): HostView | null {
    const cluster = context.cluster;
    const candidates = this.candidates;
    candidates.length = 0;
    for (const host of cluster.hosts) if (context.feasible(host)) candidates.push(host);
    if (context.recorder !== null) context.recorder.considered = cluster.hosts.length;
    if (candidates.length === 0) return null;
    if (this.values.length < candidates.length) this.values = new Float64Array(candidates.length * 2);
    if (context.recorder !== null) this.record(request, context);

    let count = candidates.length;
    const keys = this.keys;
    for (let k = 0; k < keys.length; k++) {
      if (count === 1) break;
      const { scorer, prefer } = keys[k]!;
      const state = this.states[k];
      // PreScore sees the hosts still in the running: the feasible ones the earlier keys kept.
      candidates.length = count;
      if (scorer.prepare !== undefined && !scorer.prepare(request, cluster, candidates, state)) continue;
      const values = this.values;
      let best = prefer === 'lowest' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      for (let i = 0; i < count; i++) {
        const v = scorer.score(request, candidates[i]!, cluster, state);
        values[i] = v;
        if (prefer === 'lowest' ? v < best : v > best) best = v;
      }
      let kept = 0;
      for (let i = 0; i < count; i++) if (values[i] === best) candidates[kept++] = candidates[i]!;
      count = kept;
    }
    return candidates[count === 1 ? 0 : cluster.rng.integer(0, count)]!;
  }

  /** Explain: every feasible host with each key's raw score (normalised and weighted repeat it). */
  private record(request: PlacementRequest, context: SelectionContext): void {
    const cluster = context.cluster;
    const states = this.states;
    const applies = this.keys.map(
      ({ scorer }, k) => scorer.prepare === undefined || scorer.prepare(request, cluster, this.candidates, states[k]),
    );
    for (const host of this.candidates) {
      const scores: Record<string, { raw: number; normalized: number; weighted: number }> = {};
      this.keys.forEach(({ scorer }, k) => {
        if (!applies[k]) return;
        const raw = scorer.score(request, host, cluster, states[k]);
        scores[scorer.name] = { raw, normalized: raw, weighted: raw };
      });
      context.recorder!.accept(host.name, scores, null);
    }
  }
}
