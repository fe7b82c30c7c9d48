import { TimeWeighted } from '@berth/kernel';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type {
  AutoscalingMetrics,
  LoadStepRecord,
  ReplicaPoint,
  ScaleUpRecord,
  ScalingRecord,
  ServiceAutoscaling,
} from './AutoscalingMetrics.js';
import { enoughReplicasOf } from './enoughReplicas.js';
import { LoadStepTracker } from './LoadStepTracker.js';

/** What a collector reads: the clock, the scenario, the desired state, containers and the event log. */
export type AutoscalingRuntime = Pick<
  ClusterRuntime,
  'env' | 'scenario' | 'desired' | 'log' | 'container' | 'allContainers'
>;

interface Book {
  readonly min: number;
  readonly max: number;
  readonly desired: TimeWeighted;
  readonly ready: Set<string>;
  readonly scalings: ScalingRecord[];
  readonly reactions: Array<{ startedAt: number; target: number; readyAt: number | null }>;
  open: { startedAt: number; target: number; readyAt: number | null } | null;
  readonly series: ReplicaPoint[];
  /** The load steps, when the offered load is known; else why not. */
  readonly steps: LoadStepTracker | string;
}

const HEARS: readonly ClusterEventType[] = [
  'autoscaler.scaled',
  'desired.changed',
  'container.ready',
  'container.unready',
  'container.succeeded',
  'container.failed',
  'container.evicted',
];

/**
 * Watches a simulation's autoscalers (see {@link AutoscalingMetrics}): per autoscaled service, the
 * replicas over time (desired and ready), every scaling with its reason, each scale-up's time to
 * the count it asked for ready, and each load step's time to enough ready replicas (see
 * LoadStepTracker: from the moment the offered load needs more replicas than are ready). Create it with {@link collectAutoscaling} before `run`; read it with `report`.
 * It reads the event log only and puts nothing on the agenda.
 */
export class AutoscalingCollector {
  private readonly books = new Map<string, Book>();
  private readonly from: number;

  constructor(private readonly sim: AutoscalingRuntime) {
    this.from = sim.env.now;
    for (const [name, service] of Object.entries(sim.scenario.services)) {
      const hpa = service.autoscaling;
      if (hpa === undefined) continue;
      const desired = sim.desired.services[name]?.replicas ?? 0;
      const ready = new Set<string>();
      for (const c of sim.allContainers()) if (c.service === name && c.health.ready) ready.add(c.name);
      this.books.set(name, {
        min: hpa.minReplicas,
        max: hpa.maxReplicas,
        desired: new TimeWeighted(sim.env, desired),
        ready,
        scalings: [],
        reactions: [],
        open: null,
        series: [{ at: this.from, desired, ready: ready.size }],
        steps: stepsOf(sim.scenario, name, this.from),
      });
    }
    if (this.books.size > 0) sim.log.subscribe(this.onEvent, HEARS);
  }

  private readonly onEvent = (event: ClusterEvent): void => {
    if (event.type === 'autoscaler.scaled') {
      const book = this.books.get(event.service);
      if (book === undefined) return;
      book.scalings.push({ at: event.at, from: event.from, to: event.to, reason: event.reason, limit: event.limit });
      if (event.to > event.from) {
        if (book.open === null) {
          book.open = { startedAt: event.at, target: event.to, readyAt: null };
          book.reactions.push(book.open);
        } else book.open.target = Math.max(book.open.target, event.to);
        this.settle(book, event.at);
      } else book.open = null;
      return;
    }
    if (event.type === 'desired.changed') {
      for (const [name, book] of this.books) {
        const desired = this.sim.desired.services[name]?.replicas ?? 0;
        if (desired !== book.desired.current) {
          book.desired.set(desired);
          this.point(book, event.at);
        }
      }
      return;
    }
    if (!('container' in event)) return;
    const c = this.sim.container(event.container);
    const book = c?.service === undefined ? undefined : this.books.get(c.service);
    if (c === undefined || book === undefined) return;
    const before = book.ready.size;
    if (event.type === 'container.ready') book.ready.add(c.name);
    else book.ready.delete(c.name);
    if (book.ready.size === before) return;
    if (typeof book.steps !== 'string') book.steps.advance(event.at, before, book.ready.size);
    this.point(book, event.at);
    this.settle(book, event.at);
  };

  /** Closes the open scale-up once enough replicas are ready. */
  private settle(book: Book, at: number): void {
    const open = book.open;
    if (open !== null && book.ready.size >= open.target) {
      open.readyAt = at;
      book.open = null;
    }
  }

  private point(book: Book, at: number): void {
    const last = book.series.at(-1);
    const point = { at, desired: book.desired.current, ready: book.ready.size };
    if (last !== undefined && last.at === at) book.series[book.series.length - 1] = point;
    else book.series.push(point);
  }

  /** The figures so far; can be called at any time, repeatedly. */
  report(): AutoscalingMetrics {
    const services: Record<string, ServiceAutoscaling> = {};
    for (const [name, book] of this.books) {
      const reactions: ScaleUpRecord[] = book.reactions.map((r) => ({
        startedAt: r.startedAt,
        target: r.target,
        readyAt: r.readyAt,
        durationMs: r.readyAt === null ? null : r.readyAt - r.startedAt,
      }));
      const durations = reactions.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs]));
      let loadSteps: LoadStepRecord[] | null = null;
      if (typeof book.steps !== 'string') {
        book.steps.advance(this.sim.env.now, book.ready.size, book.ready.size);
        loadSteps = book.steps.records();
      }
      const toEnough = (loadSteps ?? []).flatMap((r) => (r.durationMs === null ? [] : [r.durationMs]));
      services[name] = {
        minReplicas: book.min,
        maxReplicas: book.max,
        replicas: { mean: book.desired.mean(), min: book.desired.min, max: book.desired.max },
        scaleUps: book.scalings.filter((s) => s.to > s.from).length,
        scaleDowns: book.scalings.filter((s) => s.to < s.from).length,
        scalings: [...book.scalings],
        reactions,
        timeToScale: {
          mean: durations.length === 0 ? null : durations.reduce((a, b) => a + b, 0) / durations.length,
          max: durations.length === 0 ? null : Math.max(...durations),
        },
        series: [...book.series],
        loadSteps,
        timeToEnough: {
          mean: toEnough.length === 0 ? null : toEnough.reduce((a, b) => a + b, 0) / toEnough.length,
          max: toEnough.length === 0 ? null : Math.max(...toEnough),
        },
        loadStepsUnknown: typeof book.steps === 'string' ? book.steps : null,
      };
    }
    return { window: { from: this.from, to: this.sim.env.now }, services };
  }
}

/** The load-step tracker of an autoscaled service, or why its offered load is not known. */
function stepsOf(scenario: AutoscalingRuntime['scenario'], name: string, from: number): LoadStepTracker | string {
  const enough = enoughReplicasOf(scenario, name);
  return typeof enough === 'string' ? enough : new LoadStepTracker(enough, from);
}

/** Starts collecting what a run's autoscalers do (see {@link AutoscalingCollector}); call before `run`. */
export function collectAutoscaling(sim: AutoscalingRuntime): AutoscalingCollector {
  return new AutoscalingCollector(sim);
}
