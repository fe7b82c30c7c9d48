import { type ArrivalCursor, type Callback, type RandomStream, type Timer, TimeWeighted } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { drawDuration } from '../failures/durationDistribution.js';
import { IntervalMeans } from '../metrics/IntervalMeans.js';
import { sampleInterval } from '../metrics/sampleInterval.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { type CompiledTemplate, compileTemplate } from '../simulation/compileTemplate.js';
import { arrivalCursor } from './arrivalCursor.js';
import type { FunctionSettings, FunctionSpec } from './FunctionSpec.js';
import {
  FunctionCounters,
  type FunctionFigures,
  type FunctionReport,
  type FunctionSeries,
  functionFigures,
  quantileOf,
  totalFigures,
} from './FunctionStats.js';
import type { KeepAliveWindows } from './KeepAlivePolicy.js';
import { ConcurrencyWindow, createKnativeDecider, type KnativeDecider, knativeDecision } from './knativeAutoscaler.js';

/** One loaded instance as {@link FunctionController.instanceViews} shows it. */
export interface FunctionInstanceView {
  /** Its container's name: `<function>@<n>`. */
  readonly name: string;
  readonly function: string;
  readonly state: 'starting' | 'ready' | 'paused';
  /** Invocations running on it or waiting for it to start. */
  readonly invocations: number;
  readonly concurrency: number;
  readonly provisioned: boolean;
}

/** Times closer than this (ms) are the same time: absorbs the rounding of `now + delay`. */
const TIME_TOLERANCE_MS = 1e-6;

/** Why a function instance was started. */
type LaunchKind = 'invocation' | 'prewarm' | 'provisioned' | 'autoscaler';

/** What an invocation's own timer does when it fires: start the handler (after a resume), or end it. */
const BEGIN = 0;
const FINISH = 1;
const TIMEOUT = 2;

/**
 * One invocation, from its arrival until it is served, refused or failed for good. The controller
 * keeps finished ones for reuse (see {@link FunctionController}'s `spare`), each with its own timer
 * handle, so a warm invocation allocates nothing.
 */
class Invocation {
  fn: FunctionBook;
  // Starts as a number, not undefined, so that the times stored in it stay unboxed (see the kernel's Environment).
  arrivedAt = 0;
  instance: Instance | null = null;
  /** Its handler's run (or the wait to resume a paused instance), to cancel if the instance dies; made on first use, then reused. */
  timer: Callback | null = null;
  /** What {@link timer} does when it fires: BEGIN, FINISH or TIMEOUT. */
  due = FINISH;
  tries = 1;
  handlerMs = 0;
  throttledOnce = false;
  /** The current back-off of a throttled asynchronous invocation, ms. */
  backoffMs = 0;
  /** Index among its instance's invocations. */
  slot = -1;
  /** It waited for an instance to start (a cold start). */
  cold = false;

  constructor(fn: FunctionBook, arrivedAt: number) {
    this.fn = fn;
    this.arrivedAt = arrivedAt;
  }
}

/** One loaded copy of a function: a container placed by the scheduler. */
class Instance {
  state: 'starting' | 'ready' | 'paused' | 'gone' = 'starting';
  readyAt = Number.POSITIVE_INFINITY;
  /** Invocations running on it or waiting for it to start. */
  readonly holding: Invocation[] = [];
  /** While loaded and idle: since when; -1 otherwise. */
  idleSince = -1;
  /** The keep-alive of the current idle period, ms. */
  keepAliveMs = 0;
  /** For a pre-warmed instance, the keep-alive of its first idle period; -1 otherwise. */
  firstKeepAliveMs = -1;
  inFree = false;
  /** The host it was placed on, once placed. */
  host: string | null = null;
  /** Counts toward the function's and the account's concurrency (starting, busy, or provisioned). */
  counted = false;
  /**
   * Its pause and keep-alive timer, made on first use. Not cancelled when the instance takes work: the
   * next idle period pushes it back (cheaply, see the kernel's Timer), and if it comes up while the
   * instance is busy it finds nothing to do.
   */
  timer: Timer | null = null;

  constructor(
    readonly fn: FunctionBook,
    readonly container: Container,
    readonly provisioned: boolean,
  ) {}
}

/** What the controller keeps per function. */
interface FunctionBook {
  readonly spec: FunctionSpec;
  readonly counters: FunctionCounters;
  readonly policyState: unknown;
  /** Its instances' container template, validated as a scenario's templates are. */
  readonly template: CompiledTemplate;
  /** Instances with room for another invocation; the most recently freed last (taken first). */
  readonly free: Instance[];
  /** Invocations waiting for room (throttled with `throttle: queue`, or at Knative's activator), from `queueHead`. */
  readonly queue: Invocation[];
  queueHead: number;
  queued: boolean;
  instances: number;
  readyInstances: number;
  busy: number;
  /** Instances counted toward concurrency. */
  inUse: number;
  /** Invocations assigned to an instance (running, or waiting for it to start or resume). */
  running: number;
  lastFinish: number;
  seq: number;
  /** Scaling-rate tokens (new instances allowed now), refilled continuously. */
  tokens: number;
  tokensAt: number;
  wake: Callback | null;
  prewarm: Callback | null;
  prewarmKeepAliveMs: number;
  /** Its invocation times (null when it has no arrival process) and their agenda entry, once started. */
  arrivals: ArrivalCursor | null;
  arrivalEntry: Callback | null;
  readonly handlerRng: RandomStream;
  readonly startupRng: RandomStream;
  /** Field paths named when a draw is invalid. */
  readonly handlerPath: string;
  readonly startupPath: string;
  // Knative only: in-flight requests over time, the decider, and since when it has wanted no pod.
  readonly window: ConcurrencyWindow | null;
  readonly decider: KnativeDecider;
  zeroSince: number;
}

/**
 * A serverless platform on the cluster: functions whose instances are containers placed by the
 * scheduler on the same hosts as everything else. An invocation takes a free slot on a loaded
 * instance (warm; a paused one resumes first), or starts a new instance (cold: placement, the image
 * pull unless the host has it, the runtime's start-up), or — over a concurrency or scaling limit — is
 * throttled: refused (HTTP 429), queued until there is room, or, when asynchronous, retried with a
 * back-off. A keep-alive policy decides how long an idle instance stays loaded, and may unload it to
 * load it again just before the next invocation is expected (pre-warm). With the Knative preset,
 * instances come and go by the pod autoscaler's decisions instead, and invocations wait at the
 * activator for room.
 *
 * Hears `container.ready` (an instance has started) and a container's end (`container.failed`,
 * `container.evicted`, `container.lost`: its invocations fail with cause `crash`, and a provisioned
 * instance is replaced). Records `invocation.rejected` and `invocation.failed`; everything else is
 * counted in {@link report}. A warm invocation allocates one small object and one agenda entry.
 */
export class FunctionController {
  private readonly books: FunctionBook[] = [];
  private readonly byName = new Map<string, FunctionBook>();
  private readonly instances = new Map<string, Instance>();
  /** Functions with invocations waiting for room, in the order they started waiting. */
  private readonly waiting: FunctionBook[] = [];
  private readonly whole: FunctionCounters;
  /** Function instances placed on each host (hosts without any are left out). */
  private readonly perHost = new Map<string, number>();
  /** Hosts holding at least one function instance, over time: the provider's side of the bill. */
  private readonly hostsUsed: TimeWeighted;
  /** Instances loaded, instances busy and hosts used, as means over each sampling interval. */
  private readonly overTime: IntervalMeans;
  private readonly windows: KeepAliveWindows = { prewarmMs: 0, keepAliveMs: 0 };
  private readonly unreservedPool: number;
  private accountInUse = 0;
  private unreservedInUse = 0;
  private maxConcurrency = 0;
  private readonly knative: boolean;
  /** Invocations done with (served, refused or failed for good), kept for reuse. */
  private readonly spare: Invocation[] = [];
  private readonly invocationTimerFn = (inv: Invocation): void => {
    if (inv.due === FINISH) this.finished(inv);
    else if (inv.due === TIMEOUT) this.timedOut(inv);
    else this.begin(inv);
  };
  private readonly retryFn = (inv: Invocation): void => this.retry(inv);
  private readonly instanceTimerFn = (inst: Instance): void => this.instanceTimer(inst);
  private readonly prewarmFn = (fn: FunctionBook): void => this.prewarmDue(fn);
  private readonly wakeFn = (fn: FunctionBook): void => this.pump(fn);
  /** A function's next invocation has arrived: handle it, and put its entry back for the one after. */
  private readonly arrivalFn = (fn: FunctionBook): void => {
    this.arrive(fn);
    const at = fn.arrivals!.next();
    if (at !== Number.POSITIVE_INFINITY) this.rt.env.reschedule(fn.arrivalEntry!, at - this.rt.env.now);
  };

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly settings: FunctionSettings,
  ) {
    const platform = settings.platform;
    this.knative = platform.autoscaler === 'knative';
    this.whole = new FunctionCounters(rt.env);
    this.hostsUsed = new TimeWeighted(rt.env);
    this.overTime = new IntervalMeans(
      [this.whole.instances, this.whole.busyInstances, this.hostsUsed],
      rt.env.now,
      sampleInterval(rt.scenario.horizon, undefined),
    );
    let reserved = 0;
    for (const spec of settings.functions) if (spec.reserved < Number.POSITIVE_INFINITY) reserved += spec.reserved;
    this.unreservedPool = platform.accountConcurrency - reserved;
    const random = rt.random.stream('functions');
    for (const spec of settings.functions) {
      const streams = random.stream(spec.name);
      const book: FunctionBook = {
        spec,
        counters: new FunctionCounters(rt.env),
        policyState: settings.keepAlive.createState(),
        template: instanceTemplate(rt, spec),
        free: [],
        queue: [],
        queueHead: 0,
        queued: false,
        instances: 0,
        readyInstances: 0,
        busy: 0,
        inUse: 0,
        running: 0,
        lastFinish: -1,
        seq: 0,
        tokens: platform.scaling.burst,
        tokensAt: 0,
        wake: null,
        prewarm: null,
        prewarmKeepAliveMs: 0,
        arrivals: null,
        arrivalEntry: null,
        handlerRng: streams.stream('handler'),
        startupRng: streams.stream('startup'),
        handlerPath: `functions.definitions.${spec.name}.handler`,
        startupPath: `functions.definitions.${spec.name}.startup`,
        window: this.knative ? new ConcurrencyWindow(settings.knative.stableWindowMs, rt.env.now) : null,
        decider: createKnativeDecider(),
        zeroSince: -1,
      };
      this.books.push(book);
      this.byName.set(spec.name, book);
    }
  }

  /** Starts provisioned instances, Knative's initial pods and its ticks, and every function's arrivals. */
  start(): void {
    const env = this.rt.env;
    const random = this.rt.random.stream('function-arrivals');
    for (const fn of this.books) {
      for (let i = 0; i < fn.spec.provisioned; i++) this.launch(fn, 'provisioned');
      if (this.knative) {
        // Knative's initial-scale is 1: a revision starts with one pod.
        if (fn.spec.provisioned === 0 && this.roomFor(fn)) this.launch(fn, 'autoscaler');
        const tick = () => {
          this.knativeTick(fn);
          if (env.now + this.settings.knative.tickMs < this.settings.until)
            env.reschedule(handle, this.settings.knative.tickMs);
        };
        const handle = env.schedule(this.settings.knative.tickMs, tick, undefined, { name: `kpa:${fn.spec.name}` });
      }
      const process = fn.spec.arrivals;
      if (process === null) continue;
      fn.arrivals = arrivalCursor(process, random.stream(fn.spec.name), this.settings.until, env.now);
      const first = fn.arrivals.next();
      if (first === Number.POSITIVE_INFINITY) continue;
      fn.arrivalEntry = env.schedule(first - env.now, this.arrivalFn, fn, { name: `invocations:${fn.spec.name}` });
    }
  }

  /**
   * An arrival source outside the definitions (a streamed trace): one invocation of `name` arrives now,
   * exactly as one of its own arrivals would. False when no function has that name.
   */
  invoke(name: string): boolean {
    const fn = this.byName.get(name);
    if (fn === undefined) return false;
    this.arrive(fn);
    return true;
  }

  /** The event types {@link handle} reacts to. */
  readonly hears: readonly ClusterEventType[] = [
    'container.scheduled',
    'container.ready',
    'container.failed',
    'container.evicted',
    'container.lost',
  ];

  /** The controller's reaction to an event. */
  readonly handle = (event: ClusterEvent): void => {
    const inst = this.instances.get((event as { container: string }).container);
    if (inst === undefined || inst.state === 'gone') return;
    if (event.type === 'container.scheduled') this.placed(inst, event.host);
    else if (event.type === 'container.ready') this.ready(inst);
    else this.died(inst);
  };

  /** Figures so far, overall and per function. */
  report(): FunctionReport {
    const now = this.rt.env.now;
    const prices = this.settings.platform.prices;
    const open = new Map<FunctionBook, number>();
    for (const inst of this.instances.values()) {
      if (inst.idleSince < 0) continue;
      open.set(inst.fn, (open.get(inst.fn) ?? 0) + (now - inst.idleSince) * inst.fn.spec.memoryMb);
    }
    const functions: Record<string, FunctionFigures> = {};
    const percents: number[] = [];
    let openAll = 0;
    let timeCostAll = 0;
    for (const fn of this.books) {
      const c = fn.counters;
      const openIdle = open.get(fn) ?? 0;
      let timeCost = 0;
      if (prices !== null && fn.spec.provisioned > 0) {
        // Provisioned concurrency is billed for its enabled time, rounded up to the unit (Lambda: 5 min).
        const billedMs = Math.ceil(now / prices.provisionedUnitMs) * prices.provisionedUnitMs;
        timeCost = fn.spec.provisioned * (fn.spec.memoryMb / 1024) * (billedMs / 1000) * prices.provisionedPerGbSecond;
      }
      functions[fn.spec.name] = functionFigures(c, openIdle, timeCost);
      if (c.served > 0) percents.push((100 * c.cold) / c.served);
      openAll += openIdle;
      timeCostAll += timeCost;
    }
    return {
      platform: this.settings.platform.name,
      keepAlive: this.knative ? 'knative-autoscaler' : this.settings.keepAlive.name,
      total: totalFigures(
        this.books.map((fn) => fn.counters),
        this.whole,
        this.rt.env,
        openAll,
        timeCostAll,
      ),
      functions,
      p75ColdStartPercent: quantileOf(percents, 0.75),
      maxConcurrency: this.maxConcurrency,
      overTime: this.series(now),
      hostsUsed: {
        mean: this.hostsUsed.mean(),
        peak: this.hostsUsed.max,
        hostHours: this.hostsUsed.integral() / 3_600_000,
      },
    };
  }

  /** Before a signal of {@link overTime} changes: records the sampling instants passed. */
  private sample(): void {
    const now = this.rt.env.now;
    if (now >= this.overTime.nextSampleAt) this.overTime.catchUp(now);
  }

  private series(now: number): FunctionSeries {
    this.overTime.catchUp(now);
    return {
      sampleEvery: this.overTime.every,
      instances: this.overTime.series(0, 1, now),
      busy: this.overTime.series(1, 1, now),
      hosts: this.overTime.series(2, 1, now),
    };
  }

  /** Every loaded instance now (starting, ready or paused). */
  instanceViews(): FunctionInstanceView[] {
    const views: FunctionInstanceView[] = [];
    for (const inst of this.instances.values()) {
      if (inst.state === 'gone') continue;
      views.push({
        name: inst.container.name,
        function: inst.fn.spec.name,
        state: inst.state,
        invocations: inst.holding.length,
        concurrency: inst.fn.spec.concurrency,
        provisioned: inst.provisioned,
      });
    }
    return views;
  }

  /** Concurrent executions counted now: per function (by name), and across the account. */
  concurrencyInUse(): { readonly account: number; readonly functions: Readonly<Record<string, number>> } {
    const functions: Record<string, number> = {};
    for (const fn of this.books) functions[fn.spec.name] = fn.inUse;
    return { account: this.accountInUse, functions };
  }

  // ---- arrivals ----

  private arrive(fn: FunctionBook): void {
    const now = this.rt.env.now;
    const c = fn.counters;
    c.arrived += 1;
    c.pending += 1;
    if (fn.running > 0) this.settings.keepAlive.observe(fn.policyState, 0);
    else if (fn.lastFinish >= 0) this.settings.keepAlive.observe(fn.policyState, now - fn.lastFinish);
    if (fn.prewarm?.queued) this.rt.env.cancel(fn.prewarm);
    const inv = this.invocation(fn, now);
    if (fn.queued && fn.queueHead < fn.queue.length) {
      // Others wait already: it goes behind them (at Knative's activator, or throttled in a queue).
      if (this.knative) this.enqueue(inv);
      else this.throttle(inv, true);
    } else if (!this.dispatch(inv)) this.throttle(inv, false);
    this.demandChanged(fn);
  }

  /** A fresh invocation, reusing one done with when there is one. */
  private invocation(fn: FunctionBook, now: number): Invocation {
    const inv = this.spare.pop();
    if (inv === undefined) return new Invocation(fn, now);
    inv.fn = fn;
    inv.arrivedAt = now;
    inv.due = FINISH;
    inv.tries = 1;
    inv.handlerMs = 0;
    inv.throttledOnce = false;
    inv.backoffMs = 0;
    inv.cold = false;
    return inv;
  }

  /** The invocation is over for good (served, refused, failed): keep it for reuse. Nothing refers to it any more. */
  private done(inv: Invocation): void {
    this.spare.push(inv);
  }

  /** Runs the invocation's own timer (BEGIN, FINISH or TIMEOUT) after `delay` ms, reusing its handle. */
  private setTimer(inv: Invocation, delay: number, due: number): void {
    inv.due = due;
    if (inv.timer === null) inv.timer = this.rt.env.schedule(delay, this.invocationTimerFn, inv);
    else this.rt.env.reschedule(inv.timer, delay);
  }

  // ---- placing invocations ----

  /** Gives the invocation a slot, starting an instance if need be; false when a limit forbids it. */
  private dispatch(inv: Invocation): boolean {
    const fn = inv.fn;
    const free = fn.free;
    while (free.length > 0) {
      const inst = free[free.length - 1]!;
      if (inst.state === 'gone' || inst.holding.length >= fn.spec.concurrency) {
        free.pop();
        inst.inFree = false;
        continue;
      }
      if (!inst.counted && !this.roomFor(fn)) return false;
      this.assign(inv, inst);
      return true;
    }
    if (this.knative) {
      this.enqueue(inv);
      return true;
    }
    if (!this.roomFor(fn) || !this.takeToken(fn)) return false;
    this.assign(inv, this.launch(fn, 'invocation'));
    return true;
  }

  /** True when one more of the function's instances may count toward concurrency. */
  private roomFor(fn: FunctionBook): boolean {
    if (fn.spec.reserved < Number.POSITIVE_INFINITY) return fn.inUse < fn.spec.reserved;
    return this.unreservedInUse < this.unreservedPool;
  }

  /** Takes a scaling-rate token: Lambda's 1,000 new environments per 10 s per function, refilled continuously. */
  private takeToken(fn: FunctionBook): boolean {
    const scaling = this.settings.platform.scaling;
    if (scaling.burst === Number.POSITIVE_INFINITY) return true;
    const now = this.rt.env.now;
    fn.tokens = Math.min(scaling.burst, fn.tokens + ((now - fn.tokensAt) * scaling.burst) / scaling.periodMs);
    fn.tokensAt = now;
    // A token refilled exactly on time may fall short of 1 by a rounding error: allow for it, or the
    // wake-up scheduled for that instant would find no token and retry at the same instant for ever.
    if (fn.tokens < 1 - 1e-9) return false;
    fn.tokens = Math.max(0, fn.tokens - 1);
    return true;
  }

  private assign(inv: Invocation, inst: Instance): void {
    const fn = inst.fn;
    if (inst.holding.length === 0) {
      if (inst.idleSince >= 0) {
        fn.counters.idleMbMs += (this.rt.env.now - inst.idleSince) * fn.spec.memoryMb;
        inst.idleSince = -1;
      }
      this.count(inst);
      if (inst.state !== 'starting') {
        fn.busy += 1;
        fn.counters.busyInstances.set(fn.busy);
        this.sample();
        this.whole.busyInstances.add(1);
      }
    }
    inv.instance = inst;
    inv.cold = inst.state === 'starting' || inst.readyAt > inv.arrivedAt;
    inv.slot = inst.holding.length;
    inst.holding.push(inv);
    fn.running += 1;
    const full = inst.holding.length >= fn.spec.concurrency;
    if (full && inst.inFree) {
      removeLast(fn.free, inst);
      inst.inFree = false;
    } else if (!full && !inst.inFree) {
      fn.free.push(inst);
      inst.inFree = true;
    }
    if (inst.state === 'ready') this.begin(inv);
    else if (inst.state === 'paused') {
      inst.state = 'ready';
      if (this.settings.resumeMs > 0) this.setTimer(inv, this.settings.resumeMs, BEGIN);
      else this.begin(inv);
    }
  }

  /** The handler starts on a loaded instance. */
  private begin(inv: Invocation): void {
    const fn = inv.fn;
    const env = this.rt.env;
    if (inv.cold) fn.counters.coldStartWait.record(env.now - inv.arrivedAt);
    const h = drawDuration(fn.spec.handler, fn.handlerRng, fn.handlerPath, env);
    inv.handlerMs = h;
    if (h > fn.spec.timeoutMs) this.setTimer(inv, fn.spec.timeoutMs, TIMEOUT);
    else this.setTimer(inv, h, FINISH);
  }

  private finished(inv: Invocation): void {
    const fn = inv.fn;
    const c = fn.counters;
    const now = this.rt.env.now;
    c.served += 1;
    c.pending -= 1;
    c.handlerMs += inv.handlerMs;
    const latency = now - inv.arrivedAt;
    c.latencyTotal += latency;
    if (inv.cold) {
      c.cold += 1;
      c.coldLatency.record(latency);
    } else c.warmLatency.record(latency);
    this.bill(inv, inv.handlerMs);
    this.release(inv);
    this.done(inv);
  }

  private timedOut(inv: Invocation): void {
    const fn = inv.fn;
    fn.counters.handlerMs += fn.spec.timeoutMs;
    fn.counters.timeouts += 1;
    this.bill(inv, fn.spec.timeoutMs);
    this.release(inv);
    this.failed(inv, 'timeout');
  }

  /** Lambda's bill for one execution: GB-seconds rounded up to the billing unit, plus the request. */
  private bill(inv: Invocation, ms: number): void {
    const prices = this.settings.platform.prices;
    const c = inv.fn.counters;
    if (prices === null) {
      c.cost = Number.NaN;
      return;
    }
    const billed = Math.max(prices.minimumBilledMs, Math.ceil(ms / prices.billingUnitMs) * prices.billingUnitMs);
    const rate = inv.instance!.provisioned ? prices.provisionedDurationPerGbSecond : prices.perGbSecond;
    c.cost += (inv.fn.spec.memoryMb / 1024) * (billed / 1000) * rate + prices.perRequest;
  }

  /** The invocation lets go of its instance; the instance takes waiting work, or falls idle. */
  private release(inv: Invocation): void {
    const inst = inv.instance!;
    const fn = inv.fn;
    const now = this.rt.env.now;
    inv.instance = null;
    const holding = inst.holding;
    const last = holding.pop()!;
    if (last !== inv) {
      holding[inv.slot] = last;
      last.slot = inv.slot;
    }
    inv.slot = -1;
    fn.running -= 1;
    fn.lastFinish = now;
    if (inst.state === 'gone') return;
    if (!inst.inFree) {
      fn.free.push(inst);
      inst.inFree = true;
    }
    if (fn.queued) this.pump(fn);
    if (holding.length === 0 && (inst.state as Instance['state']) !== 'gone') this.fallIdle(inst);
    this.demandChanged(fn);
  }

  /** An instance with nothing to do: idle (counting its memory as wasted) until its keep-alive ends. */
  private fallIdle(inst: Instance): void {
    const fn = inst.fn;
    const now = this.rt.env.now;
    if (inst.state !== 'starting') {
      fn.busy -= 1;
      fn.counters.busyInstances.set(fn.busy);
      this.sample();
      this.whole.busyInstances.add(-1);
    }
    inst.idleSince = now;
    if (!inst.provisioned) this.uncount(inst);
    // Freed concurrency may have let a waiting invocation onto this very instance.
    if (inst.holding.length > 0 || inst.state === 'gone') return;
    if (inst.provisioned || this.knative) {
      inst.keepAliveMs = Number.POSITIVE_INFINITY;
      this.arm(inst);
      return;
    }
    if (inst.firstKeepAliveMs >= 0) {
      inst.keepAliveMs = inst.firstKeepAliveMs;
      inst.firstKeepAliveMs = -1;
      this.arm(inst);
      return;
    }
    const w = this.windows;
    this.settings.keepAlive.windows(fn.policyState, w);
    if (w.prewarmMs > 0 && fn.instances === 1) {
      this.unload(inst, 'pre-warm window');
      fn.prewarmKeepAliveMs = w.keepAliveMs;
      if (fn.prewarm === null) fn.prewarm = this.rt.env.schedule(w.prewarmMs, this.prewarmFn, fn, { name: 'prewarm' });
      else this.rt.env.reschedule(fn.prewarm, w.prewarmMs);
      return;
    }
    inst.keepAliveMs = w.keepAliveMs;
    this.arm(inst);
  }

  /** Sets an idle instance's timer: its pause, then the end of its keep-alive. */
  private arm(inst: Instance): void {
    const since = this.rt.env.now - inst.idleSince;
    const pauseAfter = this.settings.platform.pauseAfterMs;
    let at: number;
    if (inst.state === 'ready' && pauseAfter < inst.keepAliveMs) at = pauseAfter;
    else at = inst.keepAliveMs;
    if (at <= since + TIME_TOLERANCE_MS) {
      this.instanceTimer(inst);
      return;
    }
    if (at === Number.POSITIVE_INFINITY) {
      inst.timer?.cancel();
      return;
    }
    inst.timer ??= this.rt.env.timer(this.instanceTimerFn, inst, { name: 'keep-alive' });
    inst.timer.set(at - since);
  }

  private instanceTimer(inst: Instance): void {
    if (inst.state === 'gone' || inst.idleSince < 0) return;
    // The agenda adds the delay to the clock in floating point: a timer set for idleSince + T may
    // find now − idleSince a hair below T. Compare with a tolerance far below any real duration.
    const since = this.rt.env.now - inst.idleSince + TIME_TOLERANCE_MS;
    if (since >= inst.keepAliveMs) {
      this.unload(inst, 'keep-alive expired');
      return;
    }
    if (inst.state === 'ready' && since >= this.settings.platform.pauseAfterMs) {
      inst.state = 'paused';
      this.arm(inst);
    }
  }

  private prewarmDue(fn: FunctionBook): void {
    if (fn.instances > 0 || !this.roomFor(fn) || !this.takeToken(fn)) return;
    const inst = this.launch(fn, 'prewarm');
    inst.firstKeepAliveMs = fn.prewarmKeepAliveMs;
  }

  // ---- instances ----

  private launch(fn: FunctionBook, kind: LaunchKind): Instance {
    const rt = this.rt;
    const name = `${fn.spec.name}@${fn.seq}`;
    fn.seq += 1;
    const startupMs = drawDuration(fn.spec.startup, fn.startupRng, fn.startupPath, rt.env);
    const inst = new Instance(fn, rt.submit(fn.template.spec(name, { startupMs })), kind === 'provisioned');
    this.instances.set(name, inst);
    fn.instances += 1;
    fn.counters.instances.set(fn.instances);
    this.sample();
    this.whole.instances.add(1);
    this.count(inst);
    const c = fn.counters;
    if (kind === 'prewarm') c.prewarms += 1;
    else if (kind === 'provisioned') c.provisionedStarts += 1;
    else c.coldStarts += 1;
    if (kind !== 'invocation' && fn.spec.concurrency > 0) {
      fn.free.push(inst);
      inst.inFree = true;
    }
    return inst;
  }

  /** An instance's container is bound to a host: the host counts as used by functions while it holds one. */
  private placed(inst: Instance, host: string): void {
    inst.host = host;
    const n = this.perHost.get(host) ?? 0;
    this.perHost.set(host, n + 1);
    if (n === 0) {
      this.sample();
      this.hostsUsed.add(1);
    }
  }

  /** An instance's container is ready: its waiting invocations start, or it falls idle. */
  private ready(inst: Instance): void {
    const fn = inst.fn;
    inst.state = 'ready';
    inst.readyAt = this.rt.env.now;
    fn.readyInstances += 1;
    if (inst.holding.length > 0) {
      fn.busy += 1;
      fn.counters.busyInstances.set(fn.busy);
      this.sample();
      this.whole.busyInstances.add(1);
      for (const inv of inst.holding) this.begin(inv);
    }
    if (fn.queued) this.pump(fn);
    if (inst.holding.length === 0 && inst.state === 'ready') this.fallIdle(inst);
  }

  /** Unloads an instance on purpose (keep-alive over, pre-warm window, the autoscaler). */
  private unload(inst: Instance, reason: string): void {
    const fn = inst.fn;
    const now = this.rt.env.now;
    if (inst.idleSince >= 0) {
      fn.counters.idleMbMs += (now - inst.idleSince) * fn.spec.memoryMb;
      inst.idleSince = -1;
    }
    this.gone(inst);
    this.rt.stop(inst.container, reason);
  }

  /** The instance's container ended without being asked to (its host died, it was evicted or preempted). */
  private died(inst: Instance): void {
    const fn = inst.fn;
    if (inst.idleSince >= 0) {
      fn.counters.idleMbMs += (this.rt.env.now - inst.idleSince) * fn.spec.memoryMb;
      inst.idleSince = -1;
    } else if (inst.state !== 'starting') {
      fn.busy -= 1;
      fn.counters.busyInstances.set(fn.busy);
      this.sample();
      this.whole.busyInstances.add(-1);
    }
    const held = inst.holding.splice(0);
    this.gone(inst);
    for (const inv of held) {
      if (inv.timer?.queued) this.rt.env.cancel(inv.timer);
      inv.instance = null;
      inv.slot = -1;
      fn.running -= 1;
      fn.counters.crashes += 1;
      this.failed(inv, 'crash');
    }
    if (inst.provisioned) this.launch(fn, 'provisioned');
    if (fn.queued) this.pump(fn);
    this.demandChanged(fn);
  }

  private gone(inst: Instance): void {
    const fn = inst.fn;
    if (inst.state === 'ready' || inst.state === 'paused') fn.readyInstances -= 1;
    inst.state = 'gone';
    inst.timer?.cancel();
    if (inst.inFree) {
      removeLast(fn.free, inst);
      inst.inFree = false;
    }
    this.instances.delete(inst.container.name);
    if (inst.host !== null) {
      const n = this.perHost.get(inst.host)! - 1;
      if (n > 0) this.perHost.set(inst.host, n);
      else {
        this.perHost.delete(inst.host);
        this.sample();
        this.hostsUsed.add(-1);
      }
      inst.host = null;
    }
    fn.instances -= 1;
    fn.counters.instances.set(fn.instances);
    this.sample();
    this.whole.instances.add(-1);
    this.uncount(inst);
  }

  private count(inst: Instance): void {
    if (inst.counted) return;
    inst.counted = true;
    const fn = inst.fn;
    fn.inUse += 1;
    if (fn.spec.reserved === Number.POSITIVE_INFINITY) this.unreservedInUse += 1;
    this.accountInUse += 1;
    if (this.accountInUse > this.maxConcurrency) this.maxConcurrency = this.accountInUse;
  }

  private uncount(inst: Instance): void {
    if (!inst.counted) return;
    inst.counted = false;
    const fn = inst.fn;
    fn.inUse -= 1;
    if (fn.spec.reserved === Number.POSITIVE_INFINITY) this.unreservedInUse -= 1;
    this.accountInUse -= 1;
    // Room in the account: functions waiting for it may go on.
    if (this.waiting.length > 0) this.pumpAll();
  }

  // ---- throttling, queues and failures ----

  /** An invocation over a limit (or behind others already waiting, when `behind`). */
  private throttle(inv: Invocation, behind: boolean): void {
    const fn = inv.fn;
    const c = fn.counters;
    if (!inv.throttledOnce) {
      inv.throttledOnce = true;
      c.throttled += 1;
    }
    if (fn.spec.mode === 'async') {
      const t = this.settings.platform.asyncThrottle;
      inv.backoffMs = inv.backoffMs === 0 ? t.minMs : Math.min(2 * inv.backoffMs, t.maxMs);
      const now = this.rt.env.now;
      if (now + inv.backoffMs - inv.arrivedAt > t.maxAgeMs) {
        c.expired += 1;
        this.failedForGood(inv, 'expired');
        return;
      }
      this.rt.env.schedule(inv.backoffMs, this.retryFn, inv, { name: 'async-retry' });
      return;
    }
    if (this.settings.throttle === 'queue' || behind) {
      this.enqueue(inv);
      if (!behind) this.wakeForToken(fn);
      return;
    }
    c.rejected += 1;
    c.pending -= 1;
    this.rt.emit({ at: this.rt.env.now, type: 'invocation.rejected', function: fn.spec.name });
    this.done(inv);
  }

  private enqueue(inv: Invocation): void {
    const fn = inv.fn;
    fn.queue.push(inv);
    if (!fn.queued) {
      fn.queued = true;
      this.waiting.push(fn);
    }
  }

  /** When only the scaling rate holds a function back, wakes it when the next token is due. */
  private wakeForToken(fn: FunctionBook): void {
    const scaling = this.settings.platform.scaling;
    if (scaling.burst === Number.POSITIVE_INFINITY || fn.tokens >= 1 - 1e-9 || !this.roomFor(fn)) return;
    const due = ((1 - fn.tokens) * scaling.periodMs) / scaling.burst - (this.rt.env.now - fn.tokensAt);
    const delay = Math.max(0, due);
    if (fn.wake === null) fn.wake = this.rt.env.schedule(delay, this.wakeFn, fn, { name: 'scaling-rate' });
    else if (!fn.wake.queued) this.rt.env.reschedule(fn.wake, delay);
  }

  /** Gives waiting invocations of the function room while there is some. */
  private pump(fn: FunctionBook): void {
    const queue = fn.queue;
    while (fn.queueHead < queue.length) {
      const inv = queue[fn.queueHead]!;
      if (!this.dispatchQueued(inv)) break;
      queue[fn.queueHead] = undefined as unknown as Invocation;
      fn.queueHead += 1;
    }
    if (fn.queueHead === queue.length) {
      queue.length = 0;
      fn.queueHead = 0;
      if (fn.queued) {
        fn.queued = false;
        this.waiting.splice(this.waiting.indexOf(fn), 1);
      }
      return;
    }
    if (fn.queueHead > 1024 && fn.queueHead * 2 > queue.length) {
      queue.splice(0, fn.queueHead);
      fn.queueHead = 0;
    }
    this.wakeForToken(fn);
  }

  /** Like dispatch, for an invocation already waiting: Knative's activator hands it only to a free slot. */
  private dispatchQueued(inv: Invocation): boolean {
    if (!this.knative) return this.dispatch(inv);
    const free = inv.fn.free;
    while (free.length > 0) {
      const inst = free[free.length - 1]!;
      if (inst.state === 'gone' || inst.holding.length >= inv.fn.spec.concurrency) {
        free.pop();
        inst.inFree = false;
        continue;
      }
      if (!inst.counted && !this.roomFor(inv.fn)) return false;
      this.assign(inv, inst);
      return true;
    }
    return false;
  }

  private pumpAll(): void {
    // Copy: pumping a function may remove it from the list.
    for (const fn of [...this.waiting]) {
      if (fn.spec.reserved === Number.POSITIVE_INFINITY || fn.inUse < fn.spec.reserved) this.pump(fn);
    }
  }

  private retry(inv: Invocation): void {
    const fn = inv.fn;
    inv.tries += 1;
    fn.counters.retries += 1;
    if (!this.dispatch(inv)) this.throttle(inv, false);
    this.demandChanged(fn);
  }

  /** A try failed: an asynchronous invocation is retried per the platform, a synchronous one fails. */
  private failed(inv: Invocation, cause: 'timeout' | 'crash'): void {
    const fn = inv.fn;
    const retries = this.settings.platform.asyncRetries;
    if (fn.spec.mode === 'async' && inv.tries <= retries.attempts) {
      const delay = retries.delaysMs[Math.min(inv.tries - 1, retries.delaysMs.length - 1)] ?? 0;
      inv.backoffMs = 0;
      this.rt.env.schedule(delay, this.retryFn, inv, { name: 'async-retry' });
      return;
    }
    this.failedForGood(inv, cause);
  }

  private failedForGood(inv: Invocation, cause: 'timeout' | 'crash' | 'expired'): void {
    const c = inv.fn.counters;
    c.failed += 1;
    c.pending -= 1;
    this.rt.emit({
      at: this.rt.env.now,
      type: 'invocation.failed',
      function: inv.fn.spec.name,
      cause,
      tries: inv.tries,
    });
    this.done(inv);
  }

  // ---- Knative ----

  /** The in-flight count (running and waiting at the activator) changed: Knative's metric hears it. */
  private demandChanged(fn: FunctionBook): void {
    if (fn.window !== null) fn.window.change(this.rt.env.now, fn.running + fn.queue.length - fn.queueHead);
  }

  /** One decision of the pod autoscaler for the function, acted on at once. */
  private knativeTick(fn: FunctionBook): void {
    const now = this.rt.env.now;
    const k = this.settings.knative;
    const window = fn.window!;
    const stable = window.average(now, k.stableWindowMs);
    const panic = window.average(now, k.stableWindowMs * k.panicWindowShare);
    let want = knativeDecision(k, fn.decider, now, fn.readyInstances, fn.spec.concurrency, stable, panic);
    want = Math.max(want, fn.spec.provisioned);
    const have = fn.instances;
    if (want === 0 && have > 0) {
      if (fn.zeroSince < 0) fn.zeroSince = now;
      if (now - fn.zeroSince < k.scaleToZeroGraceMs) return;
    } else fn.zeroSince = -1;
    for (let i = have; i < want && this.roomFor(fn); i++) this.launch(fn, 'autoscaler');
    // Scale down: idle instances go, the longest idle first; busy ones are left to finish.
    let excess = have - want;
    const free = fn.free;
    for (let i = 0; i < free.length && excess > 0; ) {
      const inst = free[i]!;
      if (inst.holding.length === 0 && inst.state === 'ready' && !inst.provisioned) {
        this.unload(inst, 'scaled down');
        excess -= 1;
      } else i += 1;
    }
  }
}

/**
 * The container template of a function's instances, compiled as a scenario's templates are (checked
 * against the simulation's resources): the function's memory and cpu share as requests, its image
 * with its pull time, labelled with the function's name, running until stopped, never restarted in
 * place (the platform starts a new instance instead). Quantities are written with their units.
 */
function instanceTemplate(rt: ClusterRuntime, spec: FunctionSpec): CompiledTemplate {
  const target = {
    resources: rt.resources,
    scenario: { images: { [spec.image]: { pullTime: spec.pullMs, size: 0 } } },
  };
  return compileTemplate(
    target,
    {
      requests: { cpu: `${spec.cpu}m`, memory: `${spec.memoryMb}Mi` },
      labels: { function: spec.name },
      image: spec.image,
      duration: 'forever',
      restartPolicy: 'Never',
    },
    ['functions', 'definitions', spec.name],
  );
}

/** Removes the last occurrence of `item` from `list`, keeping the order of the rest, without allocating. */
function removeLast<T>(list: T[], item: T): void {
  const at = list.lastIndexOf(item);
  if (at < 0) return;
  for (let i = at + 1; i < list.length; i++) list[i - 1] = list[i]!;
  list.pop();
}
