import { z } from 'zod';
import { parseDuration } from '../quantities/parseDuration.js';
import { parseQuantity } from '../quantities/parseQuantity.js';

/** Upper bounds that turn an absurd scenario into a clear error instead of an out-of-memory crash. */
export const LIMITS = {
  hosts: 1_000_000,
  containers: 10_000_000,
  replicas: 1_000_000,
  labels: 64,
  extendedResources: 32,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A record whose keys are user names: `__proto__` and friends are refused. */
function namedRecord<T extends z.ZodType>(value: T, max = Number.POSITIVE_INFINITY) {
  return z.record(z.string().min(1, 'names must not be empty'), value).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key))
        ctx.addIssue({ code: 'custom', message: `'${key}' is not allowed as a name`, path: [key] });
    }
    if (Object.keys(record).length > max)
      ctx.addIssue({ code: 'custom', message: `at most ${max} entries are allowed` });
  });
}

/** A duration: milliseconds as a number, or text such as `250ms`, `10s`, `5m`, `2h`. */
export const durationSchema = z.union([z.number(), z.string()]).transform((input, ctx) => {
  const ms = parseDuration(input);
  if (typeof ms === 'string') {
    ctx.addIssue({ code: 'custom', message: ms });
    return z.NEVER;
  }
  return ms;
});

/** A duration that may also be `forever` (long-running work). */
const runDurationSchema = z
  .union([z.literal('forever'), durationSchema])
  .transform((v) => (v === 'forever' ? Number.POSITIVE_INFINITY : v));

/** Resource amounts by name, in Kubernetes notation (`cpu: 500m`, `memory: 4Gi`, `gpu: 1`). */
const resourcesSchema = namedRecord(z.union([z.number(), z.string()]), LIMITS.extendedResources).transform(
  (record, ctx) => {
    const out: Record<string, number> = {};
    for (const [name, raw] of Object.entries(record)) {
      const value = parseQuantity(name, raw);
      if (typeof value === 'string') ctx.addIssue({ code: 'custom', message: value, path: [name] });
      else out[name] = value;
    }
    return out;
  },
);

const labelsSchema = namedRecord(z.string(), LIMITS.labels);

const taintEffect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

const taintSchema = z.strictObject({ key: z.string().min(1), value: z.string().optional(), effect: taintEffect });

const tolerationSchema = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).optional(),
  value: z.string().optional(),
  effect: taintEffect.optional(),
});

const requirementSchema = z.strictObject({
  key: z.string().min(1),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).optional(),
});

const spreadSchema = z.strictObject({
  topologyKey: z.string().min(1),
  maxSkew: z.number().int().min(1).default(1),
  whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']).default('DoNotSchedule'),
});

/** What every container shares, whether it belongs to a service, a job or stands alone. */
export const containerTemplateSchema = z.strictObject({
  requests: resourcesSchema.default({}),
  limits: resourcesSchema.optional(),
  priority: z.number().int().default(0),
  labels: labelsSchema.default({}),
  image: z.string().min(1).default('default'),
  startup: durationSchema.default(0),
  duration: runDurationSchema.default(Number.POSITIVE_INFINITY),
  tenant: z.string().min(1).default('default'),
  tolerations: z.array(tolerationSchema).default([]),
  nodeSelector: labelsSchema.default({}),
  affinity: z
    .strictObject({
      required: z.array(requirementSchema).default([]),
      preferred: z
        .array(z.strictObject({ weight: z.number().int().min(1).max(100), requirement: requirementSchema }))
        .default([]),
    })
    .default({ required: [], preferred: [] }),
  /** No two containers of the same service share a value of this host label; `hostname` means one per host. */
  antiAffinity: z.string().min(1).optional(),
  spread: z.array(spreadSchema).default([]),
});

const hostCapacitySchema = resourcesSchema;

const hostGroupSchema = z.strictObject({
  /** Name of the group; hosts are named `<group>-<i>` when `count` is given, or `name` for a single host. */
  group: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  count: z.number().int().min(1).max(LIMITS.hosts).default(1),
  capacity: hostCapacitySchema,
  maxContainers: z.number().int().min(1).default(110),
  labels: labelsSchema.default({}),
  taints: z.array(taintSchema).default([]),
  hourlyCost: z.number().min(0).default(0),
});

const imageSchema = z.strictObject({
  pullTime: durationSchema.default(0),
  /** Size in MiB (or `500Mi`), used by ImageLocality scoring. */
  size: z
    .union([z.number(), z.string()])
    .default(0)
    .transform((raw, ctx) => {
      const v = parseQuantity('memory', typeof raw === 'number' ? `${raw}Mi` : raw);
      if (typeof v === 'string') {
        ctx.addIssue({ code: 'custom', message: v });
        return z.NEVER;
      }
      return v;
    }),
});

const serviceSchema = z.strictObject({
  replicas: z.number().int().min(0).max(LIMITS.replicas),
  template: containerTemplateSchema,
});

const taskSchema = containerTemplateSchema.extend({
  count: z.number().int().min(1).max(LIMITS.containers).default(1),
  /** Submission time relative to the job's `submitAt`. */
  at: durationSchema.default(0),
});

const jobSchema = z.strictObject({
  submitAt: durationSchema.default(0),
  tasks: z.array(taskSchema).min(1),
});

const standaloneSchema = containerTemplateSchema.extend({
  name: z.string().min(1),
  at: durationSchema.default(0),
  /** Pin to a named host, like Kubernetes' `nodeName`: the scheduler is bypassed, but the host must fit. */
  host: z.string().min(1).optional(),
});

const scorerSchema = z.strictObject({
  name: z.string().min(1),
  weight: z.number().min(0).default(1),
  /** Per-resource weights for resource scorers, e.g. `{ cpu: 1, memory: 2 }`. */
  resources: namedRecord(z.number().int().min(1).max(100)).optional(),
});

const samplingSchema = z.union([
  z.enum(['all', 'adaptive', 'nomad']),
  z.strictObject({ percentage: z.number().min(0).max(100) }),
  z.strictObject({ random: z.number().int().min(1) }),
]);

const schedulerSchema = z.strictObject({
  /** A named strategy or preset: `kubernetes`, `best-fit`, `swarm-spread`, ... (see the strategy reference). */
  strategy: z.string().min(1).default('kubernetes'),
  /** Explicit scorers and weights; replaces the strategy's scoring. */
  scorers: z.array(scorerSchema).optional(),
  sampling: samplingSchema.optional(),
  queue: z.enum(['priority', 'fifo', 'drf']).default('priority'),
  preemption: z.boolean().optional(),
  /** kube-scheduler's podInitialBackoffSeconds / podMaxBackoffSeconds. */
  initialBackoff: durationSchema.default(1000),
  maxBackoff: durationSchema.default(10_000),
  /** How long an unschedulable container may wait before it is retried anyway (kube: 5 min). */
  maxUnschedulableWait: durationSchema.default(300_000),
});

/** A whole scenario: hosts, workloads, scheduler and horizon. Parsed once at the boundary. */
export const scenarioSchema = z
  .strictObject({
    name: z.string().optional(),
    description: z.string().optional(),
    seed: z.union([z.number().int(), z.string()]).default(1),
    /** Run until this simulated time unless told otherwise. */
    horizon: durationSchema.optional(),
    scheduler: schedulerSchema.default({
      strategy: 'kubernetes',
      queue: 'priority',
      initialBackoff: 1000,
      maxBackoff: 10_000,
      maxUnschedulableWait: 300_000,
    }),
    hosts: z.array(hostGroupSchema).min(1, 'a scenario needs at least one host'),
    images: namedRecord(imageSchema).default({}),
    services: namedRecord(serviceSchema).default({}),
    jobs: namedRecord(jobSchema).default({}),
    containers: z.array(standaloneSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const hosts = scenario.hosts.reduce((n, g) => n + g.count, 0);
    if (hosts > LIMITS.hosts) {
      ctx.addIssue({
        code: 'custom',
        path: ['hosts'],
        message: `at most ${LIMITS.hosts} hosts are supported, got ${hosts}`,
      });
    }
    let containers = scenario.containers.length;
    for (const s of Object.values(scenario.services)) containers += s.replicas;
    for (const j of Object.values(scenario.jobs)) for (const t of j.tasks) containers += t.count;
    if (containers > LIMITS.containers) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${LIMITS.containers} containers are supported, got ${containers}`,
      });
    }
    const names = new Set<string>();
    scenario.hosts.forEach((g, i) => {
      if (g.name !== undefined && g.count !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['hosts', i, 'name'],
          message: 'a named host must have count 1; use group for several',
        });
      }
      if (g.name === undefined && g.group === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['hosts', i],
          message: 'give the host a name, or the group a group name',
        });
      }
      if (g.name !== undefined) {
        if (names.has(g.name))
          ctx.addIssue({ code: 'custom', path: ['hosts', i, 'name'], message: `duplicate host name '${g.name}'` });
        names.add(g.name);
      }
    });
    scenario.containers.forEach((c, i) => {
      if (
        c.host !== undefined &&
        !names.has(c.host) &&
        !scenario.hosts.some((g) => g.group !== undefined && c.host!.startsWith(`${g.group}-`))
      ) {
        ctx.addIssue({ code: 'custom', path: ['containers', i, 'host'], message: `no host named '${c.host}'` });
      }
    });
  });

/** A scenario as written (YAML or JSON), before defaults and units are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario: every default applied, quantities in millicores/MiB, durations in ms. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A parsed container template. */
export type ContainerTemplate = z.output<typeof containerTemplateSchema>;
/** A container template as written, with units and defaults still to apply. */
export type ContainerTemplateInput = z.input<typeof containerTemplateSchema>;
