import { z } from 'zod';
import { HPA_DEFAULTS } from '../autoscaling/replicaCalculator.js';
import { DEFAULT_BEHAVIOR, type ScalingRules } from '../autoscaling/scalingBehavior.js';
import type { UsageCurve } from '../autoscaling/UsageCurve.js';
import { parseQuantity } from '../quantities/parseQuantity.js';
import { describeValue } from './describeValue.js';
import { durationSchema, integer, LIMITS } from './fieldSchemas.js';

/**
 * The metrics pipeline's defaults: metrics-server scrapes every 15 s (`--metric-resolution=15s` in its
 * upstream manifests; kubernetes/kubernetes PR #117121 aligned the cluster add-on with them) and
 * reports cpu as the rate between two scrapes (metrics-server FAQ, "How CPU usage is calculated?").
 * The delay from a scrape to the HPA seeing it is 0 by default: set it to model a slower pipeline
 * (a Prometheus adapter's scrape and query intervals, say).
 */
export const METRICS_PIPELINE_DEFAULTS = { resolution: 15_000, delay: 0 } as const;

/** A positive duration (a period: 0 would spin the agenda). */
const periodSchema = durationSchema.refine((ms) => ms > 0, {
  error: (iss) => `expected a duration above 0, got ${describeValue(iss.input)}`,
});

/** A quantity of `resource` as Kubernetes writes it (cpu in cores, memory in bytes; see parseQuantity), parsed into Berth's units (millicores, MiB). */
function quantity(resource: 'cpu' | 'memory') {
  return z
    .union([z.number(), z.string()], {
      error: (iss) =>
        `expected a ${resource} quantity such as ${resource === 'cpu' ? "'500m' or '2'" : "'512Mi'"}, got ${describeValue(iss.input)}`,
    })
    .transform((raw, ctx) => {
      const v = parseQuantity(resource, raw);
      if (typeof v === 'string') {
        ctx.issues.push({ code: 'custom', continue: true, message: v, input: raw });
        return z.NEVER;
      }
      return v;
    });
}

/** A demand over time: constant, diurnal or steps. */
function curveSchema(resource: 'cpu' | 'memory') {
  return z
    .discriminatedUnion('shape', [
      z.strictObject({ shape: z.literal('constant'), value: quantity(resource) }),
      z.strictObject({
        shape: z.literal('diurnal'),
        mean: quantity(resource),
        amplitude: z.number().min(0).max(1).meta({ description: 'Relative swing around the mean, 0..1.' }),
        period: periodSchema.default(86_400_000).meta({ description: 'Length of a cycle (default 1d).' }),
        peakAt: durationSchema.default(50_400_000).meta({ description: 'Time of the first peak (default 14h).' }),
      }),
      z.strictObject({
        shape: z.literal('steps'),
        initial: quantity(resource).default(0),
        steps: z
          .array(z.strictObject({ at: durationSchema, value: quantity(resource) }))
          .min(1, 'give at least one step'),
      }),
    ])
    .check((ctx) => {
      const curve = ctx.value;
      if (curve.shape !== 'steps') return;
      curve.steps.forEach((step, i) => {
        if (i > 0 && step.at <= curve.steps[i - 1]!.at) {
          ctx.issues.push({
            code: 'custom',
            continue: true,
            path: ['steps', i, 'at'],
            message: `steps must be in increasing time order: ${step.at} ms is not after ${curve.steps[i - 1]!.at} ms`,
            input: step.at,
          });
        }
      });
    }) as z.ZodType<UsageCurve, unknown>;
}

/**
 * A service's synthetic resource demand, for scenarios without requests (added to what requests use
 * when there are some): the service's total, shared evenly by its ready replicas.
 */
export const usageSchema = z.strictObject({
  cpu: curveSchema('cpu').optional().meta({
    description:
      "The service's total cpu demand over time (cores, or millicores such as '500m'), shared by its ready replicas.",
  }),
  memory: curveSchema('memory').optional().meta({
    description:
      "The service's total memory in use over time (bytes, or with a suffix such as '512Mi'), shared by its ready replicas.",
  }),
});

const policySchema = z.strictObject({
  type: z.enum(['Pods', 'Percent']),
  value: integer(1, LIMITS.replicas).meta({ description: 'Pods, or percent of the current replicas, per period.' }),
  // kube validates periodSeconds in 1..1800.
  period: durationSchema
    .refine((ms) => ms > 0 && ms <= 1_800_000, {
      error: (iss) => `expected a policy period above 0 and at most 30m, got ${describeValue(iss.input)}`,
    })
    .meta({ description: 'The window the change is counted over (1s to 30m).' }),
});

/** One direction's rules; an unset field takes kube's default for that direction. */
function rulesSchema(defaults: ScalingRules) {
  return z
    .strictObject({
      stabilizationWindow: durationSchema
        .refine((ms) => ms <= 3_600_000, { error: 'expected a stabilization window of at most 1h (kube: 3600 s)' })
        .optional(),
      selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
      policies: z.array(policySchema).min(1, 'give at least one policy, or selectPolicy: Disabled').optional(),
    })
    .transform(
      (r): ScalingRules => ({
        stabilizationWindow: r.stabilizationWindow ?? defaults.stabilizationWindow,
        selectPolicy: r.selectPolicy ?? defaults.selectPolicy,
        policies: r.policies ?? defaults.policies,
      }),
    );
}

/** One metric the HPA scales on, as written. */
const metricInputSchema = z
  .strictObject({
    resource: z
      .enum(['cpu', 'memory'])
      .optional()
      .meta({ description: 'A resource metric: cpu or memory use against the replicas’ requests.' }),
    pods: z
      .enum(['requests-per-second'])
      .optional()
      .meta({ description: 'A per-pod metric: requests each replica answers per second.' }),
    external: z
      .enum(['queue-length'])
      .optional()
      .meta({ description: "An external metric: requests waiting in the service's queues." }),
    averageUtilization: integer(1, 100)
      .optional()
      .meta({ description: 'Resource metrics: target use, percent of the request (1..100).' }),
    averageValue: z.union([z.number(), z.string()]).optional().meta({
      description:
        "Target per replica: for resources a Kubernetes quantity (cpu 0.3 or '300m'; memory '512Mi', a plain number being bytes), a number otherwise.",
    }),
    value: z.number().optional().meta({ description: 'External metrics: target total.' }),
  })
  .check((ctx) => {
    const m = ctx.value;
    const add = (path: string, message: string) =>
      ctx.issues.push({ code: 'custom', continue: true, path: [path], message, input: m });
    const kinds = [m.resource, m.pods, m.external].filter((k) => k !== undefined).length;
    if (kinds !== 1) {
      add(
        'resource',
        "give exactly one of 'resource' (cpu, memory), 'pods' (requests-per-second) or 'external' (queue-length)",
      );
      return;
    }
    if (m.resource !== undefined) {
      if ((m.averageUtilization === undefined) === (m.averageValue === undefined))
        add('averageUtilization', "a resource metric takes exactly one target: 'averageUtilization' or 'averageValue'");
      if (m.value !== undefined) add('value', "'value' is a target of external metrics");
      if (m.averageValue !== undefined) {
        const v = parseQuantity(m.resource, m.averageValue);
        if (typeof v === 'string') add('averageValue', v);
        else if (v <= 0) add('averageValue', `expected a target above 0, got ${describeValue(m.averageValue)}`);
      }
      return;
    }
    if (m.averageUtilization !== undefined)
      add('averageUtilization', "'averageUtilization' is a target of resource metrics");
    if (m.pods !== undefined) {
      if (typeof m.averageValue !== 'number' || !(m.averageValue > 0))
        add('averageValue', `a per-pod metric needs an averageValue above 0, got ${describeValue(m.averageValue)}`);
      if (m.value !== undefined) add('value', "'value' is a target of external metrics");
      return;
    }
    if ((m.value === undefined) === (m.averageValue === undefined)) {
      add('value', "an external metric takes exactly one target: 'value' (total) or 'averageValue' (per replica)");
      return;
    }
    const target = m.value ?? m.averageValue;
    if (typeof target !== 'number' || !(target > 0))
      add(m.value === undefined ? 'averageValue' : 'value', `expected a number above 0, got ${describeValue(target)}`);
  });

/** One metric the HPA scales on, parsed: targets in the calculator's milli-units. */
export type MetricSpec =
  | {
      readonly kind: 'resource';
      readonly resource: 'cpu' | 'memory';
      /** Target use, percent of the request; null when the target is an average value. */
      readonly averageUtilization: number | null;
      /** Target per replica, milli-units (millicores for cpu; MiB × 1000 for memory); null for a utilisation target. */
      readonly averageValue: number | null;
    }
  | { readonly kind: 'pods'; readonly metric: 'requests-per-second'; readonly averageValue: number }
  | {
      readonly kind: 'external';
      readonly metric: 'queue-length';
      readonly value: number | null;
      readonly averageValue: number | null;
    };

function toSpec(m: z.output<typeof metricInputSchema>): MetricSpec {
  if (m.resource !== undefined) {
    const v = m.averageValue === undefined ? null : (parseQuantity(m.resource, m.averageValue) as number);
    return {
      kind: 'resource',
      resource: m.resource,
      averageUtilization: m.averageUtilization ?? null,
      // cpu millicores are kube's milli-values already; MiB become milli-MiB.
      averageValue: v === null ? null : m.resource === 'cpu' ? Math.round(v) : Math.round(v * 1000),
    };
  }
  if (m.pods !== undefined)
    return { kind: 'pods', metric: m.pods, averageValue: Math.round((m.averageValue as number) * 1000) };
  return {
    kind: 'external',
    metric: m.external!,
    value: m.value === undefined ? null : Math.round(m.value * 1000),
    averageValue: m.averageValue === undefined ? null : Math.round((m.averageValue as number) * 1000),
  };
}

/**
 * A horizontal pod autoscaler for one service (autoscaling/v2 HorizontalPodAutoscaler), with the
 * controller's settings (kube-controller-manager's flags) and the metrics pipeline's.
 */
export const autoscalingSchema = z
  .strictObject({
    minReplicas: integer(0, LIMITS.replicas)
      .default(1)
      .meta({ description: "Fewest replicas (default 1; 0 needs an external metric, as kube's HPAScaleToZero)." }),
    maxReplicas: integer(1, LIMITS.replicas).meta({ description: 'Most replicas.' }),
    metrics: z
      .array(metricInputSchema)
      .min(1, 'give at least one metric')
      .default([{ resource: 'cpu', averageUtilization: 80 }])
      .meta({ description: "What to scale on; the largest recommendation wins (default cpu at 80 %, kube's)." }),
    behavior: z
      .strictObject({
        scaleUp: rulesSchema(DEFAULT_BEHAVIOR.scaleUp).optional(),
        scaleDown: rulesSchema(DEFAULT_BEHAVIOR.scaleDown).optional(),
      })
      .default({})
      .meta({ description: "Stabilisation windows and rate policies (kube's defaults when unset)." }),
    syncPeriod: periodSchema
      .default(HPA_DEFAULTS.syncPeriod)
      .meta({ description: 'The HPA reconciles this often (--horizontal-pod-autoscaler-sync-period, 15s).' }),
    tolerance: z
      .number()
      .min(0)
      .max(1)
      .default(HPA_DEFAULTS.tolerance)
      .meta({ description: 'No change while |1 − ratio| is within it (0.1).' }),
    cpuInitializationPeriod: durationSchema
      .default(HPA_DEFAULTS.cpuInitializationPeriod)
      .meta({ description: 'A new replica’s cpu samples may be ignored this long after it starts (5m).' }),
    initialReadinessDelay: durationSchema.default(HPA_DEFAULTS.initialReadinessDelay).meta({
      description: 'An unready replica whose readiness last changed this soon after start never was ready (30s).',
    }),
    metricsResolution: periodSchema
      .default(METRICS_PIPELINE_DEFAULTS.resolution)
      .meta({ description: "The metrics pipeline's scrape interval (metrics-server's --metric-resolution, 15s)." }),
    metricsDelay: durationSchema
      .default(METRICS_PIPELINE_DEFAULTS.delay)
      .meta({ description: 'From a scrape to the HPA seeing it (default 0).' }),
  })
  .check((ctx) => {
    const a = ctx.value;
    if (a.minReplicas > a.maxReplicas) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['minReplicas'],
        message: `minReplicas (${a.minReplicas}) must be at most maxReplicas (${a.maxReplicas})`,
        input: a.minReplicas,
      });
    }
    if (a.minReplicas === 0 && !a.metrics.some((m) => m.external !== undefined)) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['minReplicas'],
        message:
          'minReplicas 0 (scale to zero) needs an external metric: with no replica there is no cpu or per-pod metric to scale up on',
        input: a.minReplicas,
      });
    }
  })
  .transform((a) => ({
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    metrics: a.metrics.map(toSpec),
    behavior: {
      scaleUp: a.behavior.scaleUp ?? DEFAULT_BEHAVIOR.scaleUp,
      scaleDown: a.behavior.scaleDown ?? DEFAULT_BEHAVIOR.scaleDown,
    },
    syncPeriod: a.syncPeriod,
    tolerance: a.tolerance,
    cpuInitializationPeriod: a.cpuInitializationPeriod,
    initialReadinessDelay: a.initialReadinessDelay,
    metricsResolution: a.metricsResolution,
    metricsDelay: a.metricsDelay,
  }));

/** A service's HPA, parsed. */
export type AutoscalingSpec = z.output<typeof autoscalingSchema>;

type Issues = z.core.ParsePayload['issues'];

/** What the autoscaling checks read of a parsed scenario. */
interface AutoscalingParts {
  readonly services: Readonly<
    Record<
      string,
      {
        readonly template: { readonly requests: Readonly<Record<string, number>> };
        readonly usage?: { readonly cpu?: unknown; readonly memory?: unknown } | undefined;
        readonly autoscaling?: AutoscalingSpec | undefined;
      }
    >
  >;
  readonly requests: Readonly<Record<string, { readonly service: string }>>;
}

/**
 * Cross-field rules: a metric must have something to measure (cpu from requests or `usage.cpu`,
 * memory from `usage.memory`, requests per second and queue length from request types), and a
 * utilisation target needs a request of that resource in the template (kube: "missing request for cpu").
 */
export function checkAutoscaling(scenario: AutoscalingParts, issues: Issues): void {
  const served = new Set(Object.values(scenario.requests).map((r) => r.service));
  for (const [name, service] of Object.entries(scenario.services)) {
    const hpa = service.autoscaling;
    // An autoscaler with issues of its own was reported already, and was not parsed.
    if (hpa === undefined || !hpa.metrics.every((m) => typeof m === 'object' && m !== null && 'kind' in m)) continue;
    hpa.metrics.forEach((m, i) => {
      const path = ['services', name, 'autoscaling', 'metrics', i];
      const add = (message: string) => issues.push({ code: 'custom', path, message, input: undefined });
      if (m.kind === 'resource') {
        const measured =
          m.resource === 'cpu'
            ? served.has(name) || service.usage?.cpu !== undefined
            : service.usage?.memory !== undefined;
        if (!measured) {
          add(
            m.resource === 'cpu'
              ? `service '${name}' uses no cpu to measure: send it requests, or give it usage.cpu`
              : `service '${name}' has no memory use to measure: give it usage.memory`,
          );
        }
        if (m.averageUtilization !== null && !((service.template.requests[m.resource] ?? 0) > 0)) {
          add(
            `a ${m.resource} utilisation target needs a ${m.resource} request in the template (kube: missing request for ${m.resource})`,
          );
        }
      } else if (!served.has(name)) {
        add(`service '${name}' answers no request type, so it has no ${m.metric} to measure`);
      }
    });
  }
}
