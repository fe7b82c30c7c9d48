import type { Environment } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { ResourceUsage } from './ResourceUsage.js';
import type { MetricSample } from './replicaCalculator.js';

/** Which metrics a pipeline collects. */
export interface PipelineNeeds {
  readonly cpu: boolean;
  readonly memory: boolean;
  readonly requestsPerSecond: boolean;
  readonly queueLength: boolean;
}

/** What the HPA reads: the latest published samples, by replica name (values in milli-units). */
export interface PublishedMetrics {
  readonly cpu: ReadonlyMap<string, MetricSample>;
  readonly memory: ReadonlyMap<string, MetricSample>;
  readonly requestsPerSecond: ReadonlyMap<string, MetricSample>;
  /** Requests waiting in the service's queues at the last scrape, milli-units; null before the first. */
  readonly queueLength: number | null;
}

/** What a scrape remembers of a replica, to turn the next scrape's counters into rates. */
interface Previous {
  readonly at: number;
  readonly cpuTime: number;
  readonly served: number;
}

const EMPTY: PublishedMetrics = { cpu: new Map(), memory: new Map(), requestsPerSecond: new Map(), queueLength: null };

/**
 * A metrics pipeline for one scaled service, as metrics-server (and, for the request metrics, a
 * Prometheus adapter) provides it: every `resolution` ms it scrapes the replicas whose process runs;
 * cpu is the rate between this scrape's cumulative counter and the previous one (so a replica needs
 * two scrapes before it has a cpu sample, and the sample is the average over the window, not the
 * value now); memory is the amount in use at the scrape; requests per second the rate of answered
 * requests over the window; the queue length the requests waiting at the scrape. What a scrape finds
 * is published `delay` ms later. So the HPA always acts on data between `delay` and
 * `delay + resolution` old, as it does in a real cluster.
 *
 * Values are published in the replica calculator's milli-units: cpu millicores rounded up (kube's
 * `MilliValue()` rounds up), memory MiB × 1000, requests per second × 1000, the queue × 1000.
 */
export class MetricsPipeline {
  private published: PublishedMetrics = EMPTY;
  private previous = new Map<Container, Previous>();

  constructor(
    private readonly env: Environment,
    private readonly usage: ResourceUsage,
    private readonly service: string,
    private readonly members: () => Iterable<Container>,
    private readonly resolution: number,
    private readonly delay: number,
    private readonly needs: PipelineNeeds,
  ) {}

  /** Scrapes now and every `resolution` ms after. */
  start(): void {
    const tick = () => {
      this.scrape();
      this.env.schedule(this.resolution, tick, undefined, { name: `metrics:${this.service}` });
    };
    tick();
  }

  /** The samples published so far (the latest of each replica). */
  get latest(): PublishedMetrics {
    return this.published;
  }

  private scrape(): void {
    const now = this.env.now;
    const usage = this.usage;
    const cpu = new Map<string, MetricSample>();
    const memory = new Map<string, MetricSample>();
    const rps = new Map<string, MetricSample>();
    const next = new Map<Container, Previous>();
    for (const c of this.members()) {
      if (!c.health.alive) continue;
      const cpuTime = this.needs.cpu ? usage.cpuTime(c) : 0;
      const served = this.needs.requestsPerSecond ? usage.served(c) : 0;
      next.set(c, { at: now, cpuTime, served });
      const before = this.previous.get(c);
      if (this.needs.memory)
        memory.set(c.name, { value: Math.round(usage.memory(c) * 1000), at: now, window: this.resolution });
      if (before === undefined || before.at >= now) continue;
      const window = now - before.at;
      if (this.needs.cpu)
        cpu.set(c.name, { value: Math.ceil((cpuTime - before.cpuTime) / window - 1e-9), at: now, window });
      if (this.needs.requestsPerSecond) {
        rps.set(c.name, { value: Math.round(((served - before.served) * 1_000_000) / window), at: now, window });
      }
    }
    this.previous = next;
    const batch: PublishedMetrics = {
      cpu,
      memory,
      requestsPerSecond: rps,
      queueLength: this.needs.queueLength ? usage.queued(this.service) * 1000 : null,
    };
    if (this.delay === 0) this.published = batch;
    else {
      this.env.schedule(
        this.delay,
        () => {
          this.published = batch;
        },
        undefined,
        { name: `metrics-published:${this.service}` },
      );
    }
  }
}
