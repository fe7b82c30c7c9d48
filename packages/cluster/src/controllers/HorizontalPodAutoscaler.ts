import { MetricsPipeline, type PublishedMetrics } from '../autoscaling/MetricsPipeline.js';
import {
  averageValueReplicas,
  type CalculatorSettings,
  externalAverageReplicas,
  externalValueReplicas,
  type PodSample,
  type Recommendation,
  resourceReplicas,
} from '../autoscaling/replicaCalculator.js';
import { createBehaviorState, normalizeWithBehavior, recordScale } from '../autoscaling/scalingBehavior.js';
import type { Container } from '../containers/Container.js';
import { isFinished } from '../containers/Container.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { AutoscalingSpec, MetricSpec } from '../scenario/autoscalingSchema.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { Controller } from './Controller.js';

/** A metric's name in events and reports: `cpu`, `memory`, `requests-per-second`, `queue-length`. */
export function metricName(spec: MetricSpec): string {
  return spec.kind === 'resource' ? spec.resource : spec.metric;
}

/** What one metric recommends, with its reading and target in the metric's units (for events). */
interface MetricOutcome {
  readonly metric: string;
  readonly recommendation: Recommendation;
  readonly current: number;
  readonly target: number;
}

/**
 * kube's horizontal pod autoscaler for one service (kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal.go, `reconcileAutoscaler`): every sync period it reads the
 * service's metrics from its `MetricsPipeline`, asks the replica calculator for a count per
 * metric and keeps the largest, stabilises and rate-limits it with the behaviour, and sets the
 * service's desired replicas through `update` (so the change is a `desired.changed` event, as a
 * write to the scale subresource is). Each change is an `autoscaler.scaled` event with its reason.
 *
 * Like kube: the current count is the desired count (the scale's spec); a service at 0 replicas
 * with `minReplicas` above 0 is left alone (scaling disabled); a count outside min/max is brought
 * back first; when some metric fails and the others point down, the scale holds.
 *
 * Hears `container.created` (a replica of its service), `container.ready` / `container.unready`
 * (the Ready condition's last transition) and nothing else.
 */
export function horizontalPodAutoscaler(service: string, spec: AutoscalingSpec): Controller {
  return {
    name: `hpa:${service}`,
    hears: ['container.created', 'container.ready', 'container.unready'] satisfies ClusterEventType[],
    start(rt: ClusterRuntime) {
      const members = new Set<Container>();
      const readyChangedAt = new Map<Container, number>();
      const live = function* (): Iterable<Container> {
        for (const c of members) {
          if (isFinished(c.phase)) {
            members.delete(c);
            readyChangedAt.delete(c);
          } else yield c;
        }
      };
      for (const c of rt.allContainers()) if (c.service === service && !isFinished(c.phase)) members.add(c);
      const needs = {
        cpu: spec.metrics.some((m) => m.kind === 'resource' && m.resource === 'cpu'),
        memory: spec.metrics.some((m) => m.kind === 'resource' && m.resource === 'memory'),
        requestsPerSecond: spec.metrics.some((m) => m.kind === 'pods'),
        queueLength: spec.metrics.some((m) => m.kind === 'external'),
      };
      const pipeline = new MetricsPipeline(
        rt.env,
        rt.usage,
        service,
        live,
        spec.metricsResolution,
        spec.metricsDelay,
        needs,
      );
      pipeline.start();
      const settings: CalculatorSettings = {
        tolerance: spec.tolerance,
        cpuInitializationPeriod: spec.cpuInitializationPeriod,
        initialReadinessDelay: spec.initialReadinessDelay,
      };
      const behavior = createBehaviorState();
      let lastFailure: string | null = null;

      const pods = (resource: number, scale: number): PodSample[] => {
        const out: PodSample[] = [];
        for (const c of live()) {
          const phase = c.phase;
          out.push({
            name: c.name,
            phase: phase === 'running' || phase === 'terminating' ? 'running' : 'pending',
            deleting: phase === 'terminating',
            ready: c.scheduledAt < 0 ? null : c.health.ready,
            startedAt: c.scheduledAt < 0 ? null : c.scheduledAt,
            readyChangedAt: readyChangedAt.get(c) ?? c.scheduledAt,
            request: Math.round((c.requests[resource] ?? 0) * scale),
          });
        }
        return out;
      };

      const evaluate = (m: MetricSpec, current: number, metrics: PublishedMetrics): MetricOutcome => {
        const now = rt.now;
        const name = metricName(m);
        if (m.kind === 'resource') {
          const cpu = m.resource === 'cpu';
          const samples = cpu ? metrics.cpu : metrics.memory;
          // Memory is published in milli-MiB, cpu in millicores: requests likewise.
          const list = pods(cpu ? CPU : MEMORY, cpu ? 1 : 1000);
          if (m.averageUtilization !== null) {
            const r = resourceReplicas(current, m.averageUtilization, list, samples, cpu, now, settings);
            return {
              metric: name,
              recommendation: r,
              current: r.error === undefined ? r.current : 0,
              target: m.averageUtilization,
            };
          }
          const r = averageValueReplicas(current, m.averageValue!, list, samples, now, settings, cpu);
          const unit = cpu ? 1 : 1000;
          return {
            metric: name,
            recommendation: r,
            current: r.error === undefined ? r.current / unit : 0,
            target: m.averageValue! / unit,
          };
        }
        if (m.kind === 'pods') {
          const r = averageValueReplicas(
            current,
            m.averageValue,
            pods(CPU, 0),
            metrics.requestsPerSecond,
            now,
            settings,
            false,
          );
          return {
            metric: name,
            recommendation: r,
            current: r.error === undefined ? r.current / 1000 : 0,
            target: m.averageValue / 1000,
          };
        }
        const total = metrics.queueLength;
        if (total === null)
          return { metric: name, recommendation: { error: `no ${name} sample yet` }, current: 0, target: 0 };
        if (m.value !== null) {
          let ready = 0;
          for (const c of live()) if (c.phase === 'running' && c.health.ready) ready += 1;
          const r = externalValueReplicas(current, m.value, total, ready, settings);
          return { metric: name, recommendation: r, current: total / 1000, target: m.value / 1000 };
        }
        const r = externalAverageReplicas(current, m.averageValue!, total, settings);
        return { metric: name, recommendation: r, current: total / 1000, target: m.averageValue! / 1000 };
      };

      const sync = () => {
        rt.env.schedule(spec.syncPeriod, sync, undefined, { name: `hpa:${service}` });
        const desiredState = rt.desired.services[service];
        if (desiredState === undefined) return;
        const current = desiredState.replicas;
        const now = rt.now;
        // kube's recordInitialRecommendation (pkg/controller/podautoscaler/horizontal.go): the first sync
        // records the current count as a recommendation, so a new HPA cannot scale down before its
        // scale-down stabilisation window has passed since that sync.
        if (behavior.recommendations.length === 0) behavior.recommendations.push({ replicas: current, at: now });
        let proposal: number;
        let reason: string;
        let outcomes: MetricOutcome[] = [];
        if (current === 0 && spec.minReplicas !== 0) return;
        if (current > spec.maxReplicas) {
          proposal = spec.maxReplicas;
          reason = 'current replicas above the maximum';
        } else if (current < spec.minReplicas) {
          proposal = spec.minReplicas;
          reason = 'current replicas below the minimum';
        } else {
          const metrics = pipeline.latest;
          outcomes = spec.metrics.map((m) => evaluate(m, current, metrics));
          const failures = outcomes.filter((o) => o.recommendation.error !== undefined);
          let best = -1;
          let driver = '';
          for (const o of outcomes) {
            const r = o.recommendation;
            if (r.error === undefined && r.replicas > best) {
              best = r.replicas;
              driver = o.metric;
            }
          }
          if (failures.length > 0) {
            const message = failures.map((f) => `${f.metric}: ${f.recommendation.error}`).join('; ');
            if (message !== lastFailure) {
              lastFailure = message;
              rt.emit({ at: now, type: 'autoscaler.failed', service, reason: message });
            }
            // kube's computeReplicasForMetrics: with a metric missing, never scale down on the others.
            if (best < 0 || best < current) return;
          } else lastFailure = null;
          const normalized = normalizeWithBehavior(
            current,
            best,
            spec.minReplicas,
            spec.maxReplicas,
            behavior,
            spec.behavior,
            now,
          );
          proposal = normalized.replicas;
          reason =
            best > current
              ? `${driver} above target`
              : best < current
                ? 'all metrics below target'
                : 'metrics within tolerance';
          if (proposal === current) return;
          apply(current, proposal, reason, normalized.reason, outcomes);
          return;
        }
        apply(current, proposal, reason, proposal > current ? 'TooFewReplicas' : 'TooManyReplicas', outcomes);
      };

      const apply = (from: number, to: number, reason: string, limit: string, outcomes: readonly MetricOutcome[]) => {
        const now = rt.now;
        rt.update((d) => {
          d.services[service]!.replicas = to;
        });
        recordScale(behavior, spec.behavior, from, to, now);
        rt.emit({
          at: now,
          type: 'autoscaler.scaled',
          service,
          from,
          to,
          reason,
          limit,
          metrics: outcomes.map((o) => ({
            metric: o.metric,
            current: o.current,
            target: o.target,
            replicas: o.recommendation.error === undefined ? o.recommendation.replicas : -1,
          })),
        });
      };

      rt.env.schedule(spec.syncPeriod, sync, undefined, { name: `hpa:${service}` });

      return (event: ClusterEvent) => {
        if (event.type === 'container.created') {
          if (event.service !== service) return;
          const c = rt.container(event.container);
          if (c !== undefined) members.add(c);
          return;
        }
        if (event.type === 'container.ready' || event.type === 'container.unready') {
          const c = rt.container(event.container);
          if (c !== undefined && c.service === service) readyChangedAt.set(c, event.at);
        }
      };
    },
  };
}
