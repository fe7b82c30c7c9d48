import { argumentError } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { Host } from '../hosts/Host.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { type DisruptionBudgets, evictionRefusal, validateBudgets } from './DisruptionBudget.js';
import { ReadyReplicas } from './ReadyReplicas.js';
import { durationArgument, repeatWhileBusy } from './repeatWhileBusy.js';

/** Utilisation percentages (0..100) by resource: `cpu`, `memory`, `pods` or an extended resource. */
export type UtilizationThresholds = Readonly<Record<string, number>>;

/** Options of {@link rebalancer}: the descheduler's LowNodeUtilization arguments, plus a move budget. */
export interface RebalancerOptions {
  /** At or below all of these, a ready host is under-used (default cpu 20, memory 20). */
  readonly thresholds?: UtilizationThresholds | undefined;
  /** Above any of these, a host is over-used (default cpu 50, memory 50). Same resources as `thresholds`. */
  readonly targetThresholds?: UtilizationThresholds | undefined;
  /** Time between runs (ms or text, default 5 min; the descheduler itself runs once unless given an interval). */
  readonly every?: number | string | undefined;
  /** Evictions per run, over all hosts (the descheduler's `maxNoOfPodsToEvictTotal`; default 10). */
  readonly maxMovesPerRun?: number | undefined;
  /** Evictions per host per run (`maxNoOfPodsToEvictPerNode`; default unlimited). */
  readonly maxMovesPerHost?: number | undefined;
  /** Act only when more than this many hosts are under-used (`numberOfNodes`, default 0). */
  readonly numberOfNodes?: number | undefined;
  /** Disruption budgets by service: a move that would break one is skipped. */
  readonly budgets?: DisruptionBudgets | undefined;
  /** Keep running until this time (ms or text) even when nothing else is scheduled; default: the scenario's horizon. */
  readonly until?: number | string | undefined;
}

/** What one run saw and did. */
export interface RebalanceRun {
  readonly at: number;
  readonly underutilized: readonly string[];
  readonly overutilized: readonly string[];
  /** Containers evicted, with the host they left, in order. */
  readonly moved: ReadonlyArray<{ readonly container: string; readonly from: string }>;
  /** Moves the disruption budgets refused. */
  readonly refused: number;
  /** Why the run did nothing, when it did nothing by rule (no under- or over-used host...). */
  readonly skipped: string | null;
}

/** A running rebalancer. */
export interface Rebalancer {
  readonly name: 'LowNodeUtilization';
  readonly runs: readonly RebalanceRun[];
  /** Containers moved so far. */
  readonly moves: number;
  /** One run now: what every periodic tick does. */
  run(): RebalanceRun;
  stop(): void;
}

/** The reason of `container.evicted` events for containers the rebalancer moves. */
export const REBALANCE_REASON = 'descheduled: LowNodeUtilization';

const DEFAULT_LOW: UtilizationThresholds = { cpu: 20, memory: 20 };
const DEFAULT_TARGET: UtilizationThresholds = { cpu: 50, memory: 50 };
const BASIC = ['cpu', 'memory', 'pods'];

/**
 * Moves service containers off over-used hosts so that the scheduler places them on under-used
 * ones: the descheduler's LowNodeUtilization (kubernetes-sigs/descheduler README and
 * pkg/framework/plugins/nodeutilization), on request-based utilisation (requests ÷ capacity; pods
 * = containers ÷ maxContainers). Each run:
 * - a host is under-used when it is ready (not cordoned) and at or below `thresholds` for every
 *   resource; over-used when above `targetThresholds` for any. cpu, memory and pods not listed count
 *   as 100%, extended resources only when listed;
 * - it does nothing when no host is under-used, when no more than `numberOfNodes` are, when every
 *   host is, or when none is over-used;
 * - the room to fill is, per resource, Σ over under-used hosts of (target × capacity − requested);
 * - over-used hosts are visited from the most used (sum of percentages) down; their service
 *   containers from the lowest priority, best-effort before burstable before guaranteed, oldest
 *   first. Each eviction subtracts the container's requests from the host and the room; a host is
 *   left once it is no longer above target, and the run ends when any room is used up or the move
 *   budget is spent. A move the disruption budget refuses is skipped.
 * Evictions are graceful, through the Eviction API as the descheduler's are: a container with a
 * preStop hook or a grace period drains its requests before it exits (see ClusterRuntime.evict).
 * Not modelled: the descheduler's node-fit and taint checks on destinations (the scheduler may put a
 * replacement back where it came from) and its deviation thresholds.
 */
export function rebalancer(sim: ClusterRuntime, options: RebalancerOptions = {}): Rebalancer {
  const low = options.thresholds ?? DEFAULT_LOW;
  const target = options.targetThresholds ?? DEFAULT_TARGET;
  const keys = checkThresholds(sim, low, target);
  const maxMoves = countOption('maxMovesPerRun', options.maxMovesPerRun, 10);
  const maxPerHost = countOption('maxMovesPerHost', options.maxMovesPerHost, Number.POSITIVE_INFINITY);
  const numberOfNodes = countOption('numberOfNodes', options.numberOfNodes, 0);
  const budgets = options.budgets ?? {};
  validateBudgets(budgets, 'budgets');
  const period = durationArgument('every', options.every ?? 300_000, true);
  const until = options.until === undefined ? undefined : durationArgument('until', options.until, false);

  const lowOf = keys.map((k) => low[k] ?? 100);
  const targetOf = keys.map((k) => target[k] ?? 100);
  const index = keys.map((k) => (k === 'pods' ? -1 : sim.resources.indexOf(k)));
  const ready = new ReadyReplicas(sim);
  const runs: RebalanceRun[] = [];
  let moves = 0;

  const used = (host: Host, i: number) => {
    const r = index[i]!;
    return r < 0 ? host.containerCount : (host.allocated[r] ?? 0);
  };
  const capacity = (host: Host, i: number) => {
    const r = index[i]!;
    return r < 0 ? host.maxContainers : (host.capacity[r] ?? 0);
  };
  const percent = (amount: number, cap: number) => (cap > 0 ? (amount * 100) / cap : amount > 0 ? 100 : 0);

  const run = (): RebalanceRun => {
    const at = sim.now;
    const hosts = sim.cluster.hosts.filter((h) => h.state === 'ready' || h.state === 'cordoned');
    const usage = new Map<Host, number[]>();
    for (const h of hosts)
      usage.set(
        h,
        keys.map((_, i) => percent(used(h, i), capacity(h, i))),
      );
    const under = hosts.filter((h) => h.state === 'ready' && usage.get(h)!.every((u, i) => u <= lowOf[i]!));
    const over = hosts.filter((h) => usage.get(h)!.some((u, i) => u > targetOf[i]!));
    const moved: Array<{ container: string; from: string }> = [];
    let refused = 0;
    const record = (skipped: string | null) => {
      const entry: RebalanceRun = {
        at,
        underutilized: under.map((h) => h.name),
        overutilized: over.map((h) => h.name),
        moved,
        refused,
        skipped,
      };
      runs.push(entry);
      sim.emit({ type: 'rebalance.completed', ...entry });
      return entry;
    };
    if (under.length === 0) return record('no host is under-used');
    if (under.length <= numberOfNodes)
      return record(`no more than numberOfNodes (${numberOfNodes}) hosts are under-used`);
    if (under.length === hosts.length) return record('every host is under-used');
    if (over.length === 0) return record('no host is over-used');

    // Room left on the under-used hosts, in absolute amounts, up to the target.
    const room = keys.map((_, i) => {
      let sum = 0;
      for (const h of under) sum += (targetOf[i]! * capacity(h, i)) / 100 - used(h, i);
      return sum;
    });
    const total = (h: Host) => usage.get(h)!.reduce((a, b) => a + b, 0);
    over.sort((a, b) => total(b) - total(a) || a.id - b.id);

    for (const host of over) {
      if (moved.length >= maxMoves) break;
      const left = keys.map((_, i) => used(host, i));
      const stillOver = () => left.some((u, i) => percent(u, capacity(host, i)) > targetOf[i]!);
      const roomLeft = () => room.every((r) => r > 0);
      // A container still draining from an earlier eviction is leaving already.
      const candidates = [...sim.cluster.containersOn(host)]
        .filter((c) => c.service !== undefined && c.phase !== 'terminating')
        .sort(evictionOrder);
      let fromHost = 0;
      for (const c of candidates) {
        if (moved.length >= maxMoves || fromHost >= maxPerHost || !stillOver() || !roomLeft()) break;
        const service = c.service!;
        const refusal = evictionRefusal(c, budgets[service], ready.of(service), ready.expected(service));
        if (refusal !== null) {
          refused += 1;
          sim.emit({ at, type: 'eviction.refused', container: c.name, service, reason: refusal, by: 'rebalancer' });
          continue;
        }
        sim.evict(c, REBALANCE_REASON, { graceful: true });
        moved.push({ container: c.name, from: host.name });
        moves += 1;
        fromHost += 1;
        for (let i = 0; i < keys.length; i++) {
          const r = index[i]!;
          const amount = r < 0 ? 1 : (c.requests[r] ?? 0);
          left[i]! -= amount;
          room[i]! -= amount;
        }
      }
      if (!roomLeft()) break;
    }
    return record(null);
  };

  const repeating = repeatWhileBusy(sim, period, 'rebalancer', run, until);
  return {
    name: 'LowNodeUtilization',
    runs,
    get moves() {
      return moves;
    },
    run,
    stop() {
      repeating.stop();
      ready.dispose();
    },
  };
}

/** The descheduler's order within a host: lower priority first, then QoS class, then the oldest. */
function evictionOrder(a: Container, b: Container): number {
  return a.priority - b.priority || qosRank(a) - qosRank(b) || a.id - b.id;
}

/** Kubernetes QoS classes: BestEffort 0, Burstable 1, Guaranteed 2 (limits equal to requests for cpu and memory). */
function qosRank(c: Container): number {
  if (c.bestEffort) return 0;
  const limits = c.spec.limits;
  if (limits === null) return 1;
  for (const r of [CPU, MEMORY]) {
    const request = c.requests[r] ?? 0;
    if (request === 0 || limits[r] !== request) return 1;
  }
  return 2;
}

function countOption(path: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!((Number.isInteger(value) && value >= 0) || value === Number.POSITIVE_INFINITY)) {
    throw argumentError(path, `expected an integer >= 0, got ${value}`);
  }
  return value;
}

function checkThresholds(sim: ClusterRuntime, low: UtilizationThresholds, target: UtilizationThresholds): string[] {
  const keys = [...new Set([...BASIC, ...Object.keys(low), ...Object.keys(target)])];
  for (const key of Object.keys(low)) {
    if (!(key in target)) throw argumentError(`targetThresholds.${key}`, 'expected the same resources as thresholds');
  }
  for (const key of Object.keys(target)) {
    if (!(key in low)) throw argumentError(`thresholds.${key}`, 'expected the same resources as targetThresholds');
  }
  for (const key of keys) {
    if (key !== 'pods' && sim.resources.indexOf(key) < 0) {
      throw argumentError(`thresholds.${key}`, `unknown resource; known: pods, ${sim.resources.names.join(', ')}`);
    }
    const l = low[key] ?? 100;
    const t = target[key] ?? 100;
    for (const [path, v] of [
      [`thresholds.${key}`, l],
      [`targetThresholds.${key}`, t],
    ] as const) {
      if (!(Number.isFinite(v) && v >= 0 && v <= 100))
        throw argumentError(path, `expected a percentage in 0..100, got ${v}`);
    }
    if (l > t) throw argumentError(`thresholds.${key}`, `expected at most targetThresholds.${key} (${t}), got ${l}`);
  }
  return keys;
}
