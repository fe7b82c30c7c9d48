import type { Scenario } from '../scenario/scenarioSchema.js';
import { DEFAULT_CPU_REQUEST } from '../simulation/buildContainerSpec.js';
import { distribution } from '../simulation/instantiateScenario.js';
import { curveAt, type UsageCurve } from './UsageCurve.js';

/**
 * The replicas an autoscaled service needs for the load offered to it, as a function of simulated
 * time: what "enough replicas" means in the time from a load step to enough replicas.
 *
 * For each metric of its HPA that measures offered load, the load D(t) against the target per replica
 * T gives ⌈D(t) / (T·(1 + tolerance))⌉: the fewest replicas at which the metric is within the HPA's
 * tolerance of its target, so that the HPA would add none. The largest over the metrics, clamped to
 * minReplicas..maxReplicas, is `at(t)`. The loads:
 * - cpu: the `usage.cpu` curve plus, for each request type the service answers, its arrival rate ×
 *   the mean of its service time × its cpu (a replica's cpu request / concurrency by default);
 * - memory: the `usage.memory` curve;
 * - requests per second: the arrival rate of the request types it answers;
 * - queue length measures no offered load and is left out.
 * Arrival rates are those of open-loop load sources whose rate is known at every instant (`poisson`,
 * `diurnal`, `counts`), plus the calls other request types make at their own rate.
 */
export interface EnoughReplicas {
  /** The replicas the offered load needs at `t`. */
  at(t: number): number;
  /** The times at which the load jumps (steps of a curve, bins of counts), increasing. */
  readonly breaks: readonly number[];
  /** True when the load also changes continuously between breaks (a diurnal curve or rate). */
  readonly smooth: boolean;
}

type Service = Scenario['services'][string];

/** A load as a function of time, with its jumps and whether it varies in between. */
interface Load {
  readonly at: (t: number) => number;
  readonly breaks: number[];
  readonly smooth: boolean;
}

const ZERO: Load = { at: () => 0, breaks: [], smooth: false };

/**
 * The replicas `name` needs for its offered load over time (see {@link EnoughReplicas}), or why it
 * cannot be known: no autoscaler, no metric that measures offered load, or a load whose rate is not
 * known in closed form (closed-loop clients, `mmpp` and `on-off` arrivals, whose rate depends on a
 * hidden state).
 */
export function enoughReplicasOf(scenario: Scenario, name: string): EnoughReplicas | string {
  const service = scenario.services[name];
  const hpa = service?.autoscaling;
  if (service === undefined || hpa === undefined) return `service '${name}' has no autoscaler`;
  const parts: Array<{ load: Load; perReplica: number }> = [];
  for (const m of hpa.metrics) {
    if (m.kind === 'external') continue;
    if (m.kind === 'pods') {
      const rate = requestRate(scenario, name);
      if (typeof rate === 'string') return rate;
      parts.push({ load: rate, perReplica: m.averageValue / 1000 });
      continue;
    }
    const request = service.template.requests[m.resource] ?? (m.resource === 'cpu' ? DEFAULT_CPU_REQUEST : 0);
    // Utilisation targets are percent of the request; cpu values are millicores already, memory milli-MiB.
    const perReplica =
      m.averageUtilization !== null
        ? (m.averageUtilization / 100) * request
        : m.resource === 'cpu'
          ? m.averageValue!
          : m.averageValue! / 1000;
    const curve = m.resource === 'cpu' ? service.usage?.cpu : service.usage?.memory;
    let load = curve === undefined ? ZERO : curveLoad(curve);
    if (m.resource === 'cpu') {
      const work = requestCpu(scenario, name, service);
      if (typeof work === 'string') return work;
      load = sum(load, work);
    }
    parts.push({ load, perReplica });
  }
  if (parts.length === 0) return `no metric of service '${name}' measures offered load (queue length does not)`;
  const breaks = [...new Set(parts.flatMap((p) => p.load.breaks))].sort((a, b) => a - b);
  const smooth = parts.some((p) => p.load.smooth);
  const band = 1 + hpa.tolerance;
  return {
    at(t: number): number {
      let need = 0;
      for (const p of parts) {
        // A relative 1e-9 off, so that a load of exactly k targets does not ask for k + 1 from rounding.
        const x = p.load.at(t) / (p.perReplica * band);
        need = Math.max(need, Math.ceil(x - x * 1e-9));
      }
      return Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, need));
    },
    breaks,
    smooth,
  };
}

function curveLoad(curve: UsageCurve): Load {
  return {
    at: (t) => curveAt(curve, t),
    breaks: curve.shape === 'steps' ? curve.steps.map((s) => s.at) : [],
    smooth: curve.shape === 'diurnal',
  };
}

function sum(a: Load, b: Load): Load {
  if (b === ZERO) return a;
  if (a === ZERO) return b;
  return { at: (t) => a.at(t) + b.at(t), breaks: [...a.breaks, ...b.breaks], smooth: a.smooth || b.smooth };
}

function scaled(load: Load, factor: number): Load {
  return { at: (t) => load.at(t) * factor, breaks: load.breaks, smooth: load.smooth };
}

/** Cpu (millicores) the requests the service answers keep busy: rate × mean work × cpu per request, summed over its request types. */
function requestCpu(scenario: Scenario, name: string, service: Service): Load | string {
  const concurrency = service.serving?.concurrency ?? 1;
  let total = ZERO;
  for (const [request, type] of Object.entries(scenario.requests)) {
    if (type.service !== name) continue;
    const rate = typeRate(scenario, request, 0);
    if (typeof rate === 'string') return rate;
    if (rate === ZERO) continue;
    const cpu = type.cpu ?? (service.template.requests.cpu ?? DEFAULT_CPU_REQUEST) / concurrency;
    const work = distribution(type.serviceTime).mean / 1000;
    total = sum(total, scaled(rate, work * cpu));
  }
  return total;
}

/** Requests per second the service is sent, over all its request types. */
function requestRate(scenario: Scenario, name: string): Load | string {
  let total = ZERO;
  for (const [request, type] of Object.entries(scenario.requests)) {
    if (type.service !== name) continue;
    const rate = typeRate(scenario, request, 0);
    if (typeof rate === 'string') return rate;
    total = sum(total, rate);
  }
  return total;
}

/** Arrivals per second of one request type: from load sources, and from the types that call it (no call cycle: the scenario checks). */
function typeRate(scenario: Scenario, request: string, depth: number): Load | string {
  let total = ZERO;
  for (const source of scenario.load) {
    if (source.request !== request) continue;
    const rate = sourceRate(source);
    if (typeof rate === 'string') return rate;
    total = sum(total, rate);
  }
  if (depth > Object.keys(scenario.requests).length) return total;
  for (const [caller, type] of Object.entries(scenario.requests)) {
    const times = type.calls.filter((c) => c.request === request).length;
    if (times === 0) continue;
    const rate = typeRate(scenario, caller, depth + 1);
    if (typeof rate === 'string') return rate;
    if (rate !== ZERO) total = sum(total, scaled(rate, times));
  }
  return total;
}

function sourceRate(source: Scenario['load'][number]): Load | string {
  const a = source.arrivals;
  if (a === undefined) return `load source '${source.name}' is closed-loop: its rate is not known in advance`;
  switch (a.process) {
    case 'poisson':
      return { at: () => a.rate, breaks: [], smooth: false };
    case 'diurnal': {
      // The defaults of the kernel's diurnalArrivals: a day, peaking at 14:00.
      const period = a.period ?? 86_400_000;
      const peakAt = a.peakAt ?? 50_400_000;
      return {
        at: (t) => a.meanRate * (1 + a.amplitude * Math.cos((2 * Math.PI * (t - peakAt)) / period)),
        breaks: [],
        smooth: true,
      };
    }
    case 'counts': {
      const { counts, every } = a;
      return {
        at: (t) => {
          const bin = Math.floor(t / every);
          return bin >= 0 && bin < counts.length ? (counts[bin]! * 1000) / every : 0;
        },
        breaks: counts
          .map((_, i) => i * every)
          .slice(1)
          .concat(counts.length * every),
        smooth: false,
      };
    }
    default:
      return `load source '${source.name}' has ${a.process} arrivals, whose rate depends on a hidden state`;
  }
}
