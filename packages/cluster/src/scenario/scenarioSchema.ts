import { z } from 'zod';
import { parseQuantity } from '../quantities/parseQuantity.js';
import { autoscalingSchema, checkAutoscaling, usageSchema } from './autoscalingSchema.js';
import { describeValue } from './describeValue.js';
import { closestName } from './didYouMean.js';
import {
  durationAtLeast,
  durationDistributionSchema,
  durationSchema,
  failureIntervalSchema,
  integer,
  LIMITS,
  namedRecord,
  nameSchema,
  runDurationSchema,
  textSchema,
  typeError,
} from './fieldSchemas.js';
import { checkFunctions, functionsSchema } from './functionsSchema.js';
import { labelsSchema, resourcesSchema, taintEffect, taintSchema } from './hostFieldSchemas.js';
import { checkNodeAutoscaling, nodeAutoscalingShape } from './nodeAutoscalingSchema.js';
import { nomadPlacementSchema, placementPreferenceSchema, podAffinityRulesSchema } from './podAffinitySchema.js';
import { BUILT_IN_RESOURCES, isKnownResource, unknownResourceMessage } from './resourceNames.js';
import { checkSlo, sloSchema } from './sloSchema.js';
import { submissionSchema } from './submissionSchema.js';
import {
  arrivalsSchema,
  checkTraffic,
  loadSourceSchema,
  NETWORK_DEFAULTS,
  networkSchema,
  requestTypeSchema,
  servingSchema,
} from './trafficSchema.js';

const tolerationSchema = z
  .strictObject({
    key: textSchema.optional(),
    operator: z.enum(['Equal', 'Exists']).optional(),
    value: textSchema.optional(),
    effect: taintEffect.optional(),
  })
  .check((ctx) => {
    const t = ctx.value;
    // Kubernetes' validation: Exists takes no value; only Exists may leave the key empty.
    if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['value'],
        message: "operator 'Exists' matches any value; remove the value or use operator 'Equal'",
        input: t.value,
      });
    }
    if (t.operator !== 'Exists' && (t.key === undefined || t.key === '')) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['key'],
        message: "a toleration without a key must use operator 'Exists' (it then tolerates every taint)",
        input: t.key,
      });
    }
  })
  .meta({ id: 'toleration', description: 'Lets the container run on hosts with a matching taint.' });

const requirementSchema = z
  .strictObject({
    key: nameSchema,
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
    values: z.array(textSchema).optional(),
  })
  .check((ctx) => {
    const { operator, values } = ctx.value;
    const n = values?.length ?? 0;
    let message: string | undefined;
    // Kubernetes' NodeSelectorRequirement validation.
    if ((operator === 'In' || operator === 'NotIn') && n === 0)
      message = `operator '${operator}' needs at least one value`;
    if ((operator === 'Exists' || operator === 'DoesNotExist') && n > 0)
      message = `operator '${operator}' takes no values`;
    if ((operator === 'Gt' || operator === 'Lt') && (n !== 1 || !/^-?[0-9]+$/.test(values?.[0] ?? '')))
      message = `operator '${operator}' needs exactly one integer value, such as ['4']`;
    if (message !== undefined)
      ctx.issues.push({ code: 'custom', continue: true, path: ['values'], message, input: values });
  })
  .meta({ id: 'labelRequirement', description: "A condition on one host label, as in Kubernetes' node affinity." });

const spreadSchema = z.strictObject({
  topologyKey: nameSchema.meta({ description: "A host label, or 'hostname' for one domain per host." }),
  maxSkew: integer(1, LIMITS.hosts).default(1),
  whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']).default('DoNotSchedule'),
});

/** A probe's timing; defaults are Kubernetes' (SetDefaults_Probe). */
const probeSchema = z.strictObject({
  // Kubernetes' minimum is 1 s (periodSeconds, "Minimum value is 1" in the Probe API reference); Berth
  // keeps ms, and refuses only 0, which would probe again at the same instant forever.
  period: durationAtLeast(1, '(a probe period of 0 never lets time advance)')
    .default(10_000)
    .meta({ description: 'Time between probes (default 10s, at least 1ms).' }),
  timeout: durationSchema.default(1_000).meta({ description: 'A hung container fails a probe after this long (1s).' }),
  initialDelay: durationSchema.default(0).meta({ description: 'Delay after start before the first probe (0).' }),
  failureThreshold: integer(1, 1_000).default(3).meta({ description: 'Consecutive failures that count (3).' }),
  successThreshold: integer(1, 1_000).default(1).meta({ description: 'Consecutive successes that count (1).' }),
});

const probesSchema = z.strictObject({
  liveness: probeSchema.optional().meta({ description: 'Failing it restarts the container.' }),
  readiness: probeSchema
    .optional()
    .meta({ description: "Failing it takes the container out of its service's endpoints." }),
  startup: probeSchema
    .optional()
    .meta({ description: 'Until it succeeds, liveness and readiness wait; failing it restarts the container.' }),
});

/** A replica count or a percentage of the desired replicas, as Kubernetes' IntOrString. */
const countOrPercent = z.union([
  z.number().int().min(0),
  z.string().regex(/^\d+(\.\d+)?%$/, "expected a count or a percentage such as '25%'"),
]);

/** A container's GPU devices: a share of one (`milli`) or whole ones (`count`), optionally of some models. */
const gpuRequestSchema = z
  .strictObject({
    milli: integer(1, 1_000)
      .optional()
      .meta({ description: 'Thousandths of one device (1..1000); a share of one GPU. Exclusive with count.' }),
    count: integer(1, 64).optional().meta({ description: 'Whole devices, each distinct. Exclusive with milli.' }),
    models: z
      .array(nameSchema)
      .min(1)
      .optional()
      .meta({ description: "GPU models the container accepts (e.g. ['V100M16', 'V100M32']); any when absent." }),
  })
  .meta({
    id: 'gpuRequest',
    description: 'GPU devices: a share of one device (milli) or whole devices (count), as in Alibaba GPU clusters.',
  })
  .check((ctx) => {
    const { milli, count } = ctx.value;
    if ((milli === undefined) === (count === undefined)) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: [],
        message: 'expected exactly one of milli (a share of one device) or count (whole devices)',
        input: ctx.value,
      });
    }
  });

const templateShape = {
  requests: resourcesSchema
    .default({})
    .meta({ description: 'What the scheduler reserves on the host (Kubernetes requests).' }),
  limits: resourcesSchema.optional().meta({ description: 'Upper bounds of use; each at least the request.' }),
  gpu: gpuRequestSchema.optional().meta({
    description: "GPU devices the container needs; counts as its 'gpu' request (do not also set requests.gpu).",
  }),
  priority: integer(-2_000_000_000, 2_000_000_000)
    .default(0)
    .meta({ description: 'Higher is scheduled first and may preempt lower.' }),
  labels: labelsSchema.default({}),
  image: nameSchema.default('default'),
  startup: durationSchema.default(0).meta({ description: 'Time from image ready to running.' }),
  duration: runDurationSchema
    .prefault('forever')
    .meta({ description: "Run time once running; 'forever' (the default) for long-running work." }),
  tenant: nameSchema.default('default'),
  tolerations: z.array(tolerationSchema).default([]),
  nodeSelector: labelsSchema.default({}),
  affinity: z
    .strictObject({
      required: z.array(requirementSchema).default([]),
      preferred: z.array(z.strictObject({ weight: integer(1, 100), requirement: requirementSchema })).default([]),
    })
    .default({ required: [], preferred: [] }),
  antiAffinity: nameSchema.optional().meta({
    description: "No two containers of the same service share a value of this host label; 'hostname': one per host.",
  }),
  spread: z.array(spreadSchema).default([]),
  placementPreferences: z
    .array(placementPreferenceSchema)
    // One ordering key each in the swarmkit preset (MAX_PLACEMENT_PREFERENCES).
    .max(8, 'expected at most 8 placement preferences')
    .default([])
    .meta({
      description:
        "SwarmKit's placement preferences: spread the service's tasks evenly over the values of each host label, outermost first.",
    }),
  nomad: nomadPlacementSchema.optional().meta({
    description: "Nomad's affinity and spread blocks, scored by the nomad presets with the fit score.",
  }),
  podAffinity: podAffinityRulesSchema.optional().meta({
    description: "Kubernetes' podAffinity: run in the same topology domain as containers matching the terms.",
  }),
  podAntiAffinity: podAffinityRulesSchema.optional().meta({
    description: "Kubernetes' podAntiAffinity: keep out of topology domains holding containers matching the terms.",
  }),
  probes: probesSchema.default({}),
  warmup: durationSchema
    .default(0)
    .meta({ description: 'Time after start before the application answers probes (a slow start).' }),
  restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional().meta({
    description: "Kubernetes' restartPolicy; default Always for services, Never for job tasks, OnFailure otherwise.",
  }),
  preStop: durationSchema.default(0).meta({
    description: 'A preStop hook that waits this long before the process is told to stop; it serves meanwhile.',
  }),
  terminationGracePeriod: durationSchema.default(0).meta({
    description:
      "After the stop signal, the process finishes its requests and exits, or is killed after this long (Kubernetes' default is 30s; Berth's 0 stops at once).",
  }),
};

/** Every request must fit within its limit, as Kubernetes requires; a `gpu` device request excludes `requests.gpu`. */
function checkLimits(
  ctx: z.core.ParsePayload<{
    requests: Record<string, number>;
    limits?: Record<string, number> | undefined;
    gpu?: unknown;
  }>,
) {
  const { requests, limits } = ctx.value;
  if (ctx.value.gpu !== undefined && requests.gpu !== undefined) {
    ctx.issues.push({
      code: 'custom',
      continue: true,
      path: ['requests', 'gpu'],
      message: "a container with a 'gpu' device request has its gpu amount from it: remove requests.gpu",
      input: requests.gpu,
    });
  }
  if (limits === undefined) return;
  for (const [name, request] of Object.entries(requests)) {
    const limit = limits[name];
    if (limit !== undefined && request > limit) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['requests', name],
        message: `the request (${request}) exceeds the limit (${limit}); a request must be at most its limit`,
        input: request,
      });
    }
  }
}

/** What every container shares, whether it belongs to a service, a job or stands alone. */
export const containerTemplateSchema = z.strictObject(templateShape).check(checkLimits);

/**
 * A service's template: its replicas restart in place, as Kubernetes requires of a Deployment's pod
 * template (restartPolicy `Always` is the only value it accepts). A replica that could end on its own
 * would be replaced at once, and one that ends as it starts would be replaced forever at one instant.
 */
const serviceTemplateSchema = containerTemplateSchema.check((ctx) => {
  // A replica that ends is replaced at once: one that ends within a second of starting would be
  // replaced faster than anything else a run does, and one that ends at once, forever at one instant.
  const duration = ctx.value.duration;
  if (typeof duration === 'number' && duration < 1000) {
    ctx.issues.push({
      code: 'custom',
      continue: true,
      path: ['duration'],
      message: `a service's replica runs 'forever' or at least 1s (it is replaced when it ends), got ${duration} ms`,
      input: duration,
    });
  }
  const policy = ctx.value.restartPolicy;
  if (policy !== undefined && policy !== 'Always') {
    ctx.issues.push({
      code: 'custom',
      continue: true,
      path: ['restartPolicy'],
      message: `a service's replicas restart in place: expected 'Always' (as a Kubernetes Deployment requires), got '${policy}'; use a job for work that ends`,
      input: policy,
    });
  }
});

const hostGroupObject = z.strictObject({
  group: nameSchema.optional().meta({ description: "Hosts are named '<group>-0', '<group>-1', ..." }),
  name: nameSchema.optional().meta({ description: 'The name of a single host (count 1).' }),
  count: integer(1, LIMITS.hosts).default(1),
  capacity: resourcesSchema,
  gpus: z
    .strictObject({
      model: nameSchema.meta({ description: "The devices' model (V100M16, T4, A10...)." }),
      count: integer(1, 64).meta({ description: 'Devices on each host, each of 1,000 milli-GPU.' }),
    })
    .optional()
    .meta({ description: 'GPU devices of each host; sets capacity.gpu to their count (do not also set it).' }),
  maxContainers: integer(1, 1_000_000)
    .default(110)
    .meta({ description: "Containers the host accepts at most (kubelet's maxPods, 110)." }),
  labels: labelsSchema.default({}),
  taints: z.array(taintSchema).default([]),
  hourlyCost: z.number().min(0).max(LIMITS.hourlyCost).default(0),
});

const hostGroupSchema = hostGroupObject.check((ctx) => {
  if (ctx.value.gpus !== undefined && ctx.value.capacity.gpu !== undefined) {
    ctx.issues.push({
      code: 'custom',
      continue: true,
      path: ['capacity', 'gpu'],
      message: "hosts with 'gpus' devices have their gpu capacity from them: remove capacity.gpu",
      input: ctx.value.capacity.gpu,
    });
  }
});

/** A host joining a running simulation (`addHost`): one host, checked as a scenario's hosts are. */
export const hostSpecSchema = hostGroupObject
  .omit({ name: true, group: true, count: true })
  .extend({ name: nameSchema, group: nameSchema.optional() });

const imageSchema = z.strictObject({
  pullTime: durationSchema.default(0).meta({ description: 'Time to pull the image onto a host that lacks it.' }),
  size: z
    .union([z.number(), z.string()], {
      error: (iss) => `expected a size such as '500Mi' or a number of bytes, got ${describeValue(iss.input)}`,
    })
    .default(0)
    .meta({
      description:
        "Size as a Kubernetes quantity ('500Mi', '1Gi'; a plain number is bytes); used by ImageLocality scoring.",
    })
    .transform((raw, ctx) => {
      const v = parseQuantity('memory', raw);
      if (typeof v === 'string') {
        ctx.issues.push({ code: 'custom', continue: true, message: v, input: raw });
        return z.NEVER;
      }
      return v;
    }),
});

const rolloutSchema = z
  .strictObject({
    maxSurge: countOrPercent
      .optional()
      .meta({ description: "Extra replicas during a rollout (default '25%', rounded up)." }),
    maxUnavailable: countOrPercent
      .optional()
      .meta({ description: "Replicas allowed unavailable during a rollout (default '25%', rounded down)." }),
    progressDeadline: durationSchema
      .optional()
      .meta({ description: 'A rollout with no progress for this long is reported stalled (default 10m).' }),
  })
  .check((ctx) => {
    // Kubernetes' ValidateRollingUpdateDeployment (pkg/apis/apps/validation/validation.go): both 0 would
    // never let a rollout start ("may not be 0 when `maxSurge` is 0"), and at most 100% may be unavailable.
    const { maxSurge, maxUnavailable } = ctx.value;
    const zero = (v: number | string | undefined) => v !== undefined && parseFloat(String(v)) === 0;
    if (zero(maxSurge) && zero(maxUnavailable)) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['maxUnavailable'],
        message: 'maxUnavailable may not be 0 when maxSurge is 0: the rollout could neither add nor remove a replica',
        input: maxUnavailable,
      });
    }
    if (typeof maxUnavailable === 'string' && parseFloat(maxUnavailable) > 100) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['maxUnavailable'],
        message: `expected at most '100%', got '${maxUnavailable}'`,
        input: maxUnavailable,
      });
    }
  });

const serviceSchema = z.strictObject({
  replicas: integer(0, LIMITS.replicas),
  template: serviceTemplateSchema,
  rollout: rolloutSchema.optional(),
  paused: z.boolean().optional().meta({ description: 'A paused service does not roll to a changed template.' }),
  scaleDown: z
    .enum(['kubernetes', 'newest-first', 'oldest-first'])
    .optional()
    .meta({ description: 'Which replicas a scale-down removes first (default kubernetes).' }),
  serving: servingSchema
    .optional()
    .meta({ description: 'How its replicas serve requests (default: one at a time, 100 waiting, random balancing).' }),
  usage: usageSchema
    .optional()
    .meta({ description: 'Synthetic resource use over time (cpu, memory), shared by the ready replicas.' }),
  autoscaling: autoscalingSchema.optional().meta({
    description: "A horizontal pod autoscaler: min/max replicas, metrics and targets, behaviour (kube's HPA).",
  }),
  slo: sloSchema.optional().meta({
    description:
      'A service-level objective on the requests it answers, judged per window: latency percentile and threshold, error ratio.',
  }),
});

/**
 * The desired state `update` accepts: the scenario's services, by name, checked as the scenario's are
 * (see ServiceController.update, which also applies the scenario-wide limits).
 */
export const desiredStateSchema = z.strictObject({
  services: namedRecord(serviceSchema, 'services by name'),
});

const taskSchema = z
  .strictObject({
    ...templateShape,
    count: integer(1, LIMITS.containers).default(1),
    at: durationSchema.default(0).meta({ description: "Submission time, after the job's submitAt." }),
  })
  .check(checkLimits);

const jobSchema = z.strictObject({
  submitAt: durationSchema.default(0),
  backoffLimit: integer(0, 1_000_000)
    .default(6)
    .meta({ description: "Retries of failed or evicted tasks before the job gives up (Kubernetes' default 6)." }),
  tasks: z.array(taskSchema).min(1, 'a job needs at least one task'),
});

const standaloneSchema = z
  .strictObject({
    ...templateShape,
    name: nameSchema,
    at: durationSchema.default(0).meta({ description: 'Creation time.' }),
    host: nameSchema
      .optional()
      .meta({ description: "Pin to this host, like Kubernetes' nodeName: the scheduler is bypassed." }),
  })
  .check(checkLimits);

/**
 * A workload stream: arrivals read lazily as simulated time advances, from a synthetic generator
 * (`arrivals`) or a trace (`trace`), each one a standalone container named `<name>-<n>`.
 */
const streamSchema = z
  .strictObject({
    name: nameSchema.meta({ description: "Its containers are named '<name>-0', '<name>-1', ..." }),
    arrivals: arrivalsSchema
      .optional()
      .meta({ description: 'A synthetic generator: when containers arrive (poisson, mmpp, on-off, diurnal, counts).' }),
    trace: z
      .strictObject({
        format: nameSchema.meta({
          description: "A trace table, as `berth trace convert` names it: 'google-2011-task-events', ...",
        }),
        files: z.array(z.string().min(1, 'expected a file name')).min(1, 'a trace needs at least one file').meta({
          description: 'Read one after the other as one stream (plain or gzipped), relative to the working directory.',
        }),
      })
      .optional()
      .meta({ description: 'A trace read as the simulation goes, never whole in memory.' }),
    template: containerTemplateSchema.prefault({}).meta({
      description: "What every container of the stream shares; a trace's requests and run times replace its own.",
    }),
    sizes: z
      .array(z.strictObject({ weight: z.number().positive(), requests: resourcesSchema }))
      .min(1)
      .optional()
      .meta({ description: 'A distribution of sizes: each arrival takes one of these requests, chosen by weight.' }),
    duration: durationDistributionSchema
      .optional()
      .meta({ description: "A distribution of run times (default: the template's duration)." }),
    start: durationSchema.default(0).meta({ description: 'Synthetic arrivals start after this time.' }),
    until: durationSchema.optional().meta({ description: 'No arrival at or after this time.' }),
    limit: integer(1, Number.MAX_SAFE_INTEGER).optional().meta({ description: 'At most this many arrivals.' }),
  })
  .check((ctx) => {
    const { arrivals, trace } = ctx.value;
    if ((arrivals === undefined) === (trace === undefined)) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: [arrivals === undefined ? 'arrivals' : 'trace'],
        message: "give either 'arrivals' (a synthetic generator) or 'trace' (a trace file), not both or neither",
        input: undefined,
      });
    }
  });

/** A point of RequestedToCapacityRatio's shape, with kube-scheduler's ranges (validateFunctionShape). */
const shapePointSchema = z.strictObject({
  utilization: integer(0, 100).meta({ description: 'Utilisation after placement, in percent.' }),
  score: integer(0, 10).meta({ description: "The score at that utilisation, 0..10 (kube's MaxCustomPriorityScore)." }),
});

/** The one scorer that takes a `shape`. */
const SHAPED_SCORER = 'RequestedToCapacityRatio';

const scorerSchema = z
  .strictObject({
    name: nameSchema.meta({ description: "A scorer name such as 'LeastAllocated' (see the scheduler reference)." }),
    weight: z.number().min(0).default(1),
    resources: namedRecord(integer(1, 100), 'resource weights such as { cpu: 1, memory: 1 }', LIMITS.extendedResources)
      .optional()
      .meta({ description: 'Per-resource weights for resource scorers, e.g. { cpu: 1, memory: 2 }.' }),
    shape: z
      .array(shapePointSchema)
      .min(1, 'expected at least one point')
      .max(101, 'expected at most 101 points (one per utilisation 0..100)')
      .optional()
      .meta({
        description:
          "RequestedToCapacityRatio's utilisation-to-score points, utilisations increasing, e.g. [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }].",
      }),
  })
  .check((ctx) => {
    const { name, shape } = ctx.value;
    if (name === SHAPED_SCORER && shape === undefined) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['shape'],
        message: `${SHAPED_SCORER} needs a shape, e.g. [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]`,
        input: shape,
      });
    }
    if (name !== SHAPED_SCORER && shape !== undefined) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['shape'],
        message: `only ${SHAPED_SCORER} takes a shape; '${name}' does not`,
        input: shape,
      });
    }
    if (shape === undefined) return;
    for (let i = 1; i < shape.length; i++) {
      if (shape[i - 1]!.utilization >= shape[i]!.utilization) {
        ctx.issues.push({
          code: 'custom',
          continue: true,
          path: ['shape', i, 'utilization'],
          message: `utilization values must increase: ${shape[i]!.utilization} follows ${shape[i - 1]!.utilization}`,
          input: shape[i]!.utilization,
        });
        break;
      }
    }
  });

const samplingSchema = z.union(
  [
    z.enum(['all', 'adaptive', 'nomad']),
    z.strictObject({ percentage: z.number().min(0).max(100) }),
    z.strictObject({ random: integer(1, LIMITS.hosts) }),
  ],
  {
    error: (iss) =>
      `expected 'all', 'adaptive', 'nomad', { percentage: 0..100 } or { random: n }, got ${describeValue(iss.input)}`,
  },
);

const SCHEDULER_DEFAULTS = {
  strategy: 'kubernetes',
  queue: 'priority',
  initialBackoff: 1000,
  maxBackoff: 10_000,
  maxUnschedulableWait: 300_000,
} as const;

const schedulerSchema = z
  .strictObject({
    strategy: nameSchema
      .default(SCHEDULER_DEFAULTS.strategy)
      .meta({ description: "A named strategy or preset: 'kubernetes', 'best-fit', 'swarm-spread', ..." }),
    scorers: z
      .array(scorerSchema)
      .optional()
      .meta({ description: "Explicit scorers and weights; they replace the strategy's scoring." }),
    sampling: samplingSchema.optional().meta({ description: 'How many hosts are scored per container.' }),
    queue: z.enum(['priority', 'fifo', 'drf']).default(SCHEDULER_DEFAULTS.queue),
    preemption: z.boolean().optional(),
    gpuTies: z.enum(['first', 'permuted']).optional().meta({
      description:
        "How the gpu-* strategies break a tie: 'first' (default), the earliest host; 'permuted', the first host of a random order drawn once per run, as the FGD paper's simulator does.",
    }),
    initialBackoff: durationSchema
      .default(SCHEDULER_DEFAULTS.initialBackoff)
      .meta({ description: "kube-scheduler's podInitialBackoffSeconds (1 s)." }),
    maxBackoff: durationSchema
      .default(SCHEDULER_DEFAULTS.maxBackoff)
      .meta({ description: "kube-scheduler's podMaxBackoffSeconds (10 s)." }),
    // At least 1 s: with 0 a container that fits nowhere is retried at the same instant forever, and
    // below a second its retries would outnumber everything else a run does.
    maxUnschedulableWait: durationAtLeast(1000, '(a container that fits nowhere is retried after this long)')
      .default(SCHEDULER_DEFAULTS.maxUnschedulableWait)
      .meta({
        description: 'Longest wait of an unschedulable container before it is retried anyway (5 min, at least 1s).',
      }),
  })
  .check((ctx) => {
    const { initialBackoff, maxBackoff } = ctx.value;
    if (typeof initialBackoff === 'number' && typeof maxBackoff === 'number' && maxBackoff < initialBackoff) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['maxBackoff'],
        message: `maxBackoff (${maxBackoff} ms) must be at least initialBackoff (${initialBackoff} ms)`,
        input: maxBackoff,
      });
    }
  });

/** Failure detection: a preset's timings, each overridable. */
const healthSchema = z.strictObject({
  preset: z
    .enum(['kubernetes', 'swarm', 'nomad'])
    .default('kubernetes')
    .meta({ description: 'Whose failure-detection timings to start from.' }),
  heartbeatPeriod: durationSchema.optional(),
  monitorPeriod: durationSchema.optional(),
  gracePeriod: durationSchema.optional().meta({ description: "Silence before a host is not ready (Kubernetes' 50s)." }),
  evictionTimeout: durationSchema
    .optional()
    .meta({ description: "From not ready to eviction of its containers (Kubernetes' 300s)." }),
});

/**
 * One scripted fault (see failures/scriptedFaults), times in ms once parsed. What it names (a host, a
 * zone label) is checked against the cluster when the faults are attached.
 */
export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('host-crash'),
    at: durationSchema,
    host: nameSchema,
    recoverAfter: durationSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('partition'),
    at: durationSchema,
    host: nameSchema,
    healAfter: durationSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('container-crash'),
    at: durationSchema,
    container: nameSchema,
    reason: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('hang'), at: durationSchema, container: nameSchema }),
  z.strictObject({
    kind: z.literal('readiness-failure'),
    at: durationSchema,
    container: nameSchema,
    duration: durationSchema,
  }),
  z.strictObject({
    kind: z.literal('zone-outage'),
    at: durationSchema,
    key: nameSchema,
    value: z.string(),
    mode: z.enum(['crash', 'partition']).optional(),
    recoverAfter: durationSchema.optional(),
  }),
]);

/** A change of a service's desired state at a given time, as `kubectl apply` or `kubectl scale` would make it. */
const changeSchema = z.strictObject({
  at: durationSchema.meta({ description: 'When the change is applied.' }),
  service: nameSchema,
  replicas: integer(0, LIMITS.replicas).optional(),
  image: nameSchema.optional().meta({ description: "A new image for the service's template: a rolling update." }),
  template: serviceTemplateSchema.optional().meta({ description: "The service's whole new template." }),
  paused: z.boolean().optional(),
});

/** A random failure model (see failures/randomHostFailures and randomContainerCrashes). */
const failureModelSchema = z.discriminatedUnion('model', [
  z.strictObject({
    model: z.literal('host-failures'),
    groups: z.array(nameSchema).min(1).optional().meta({ description: 'Host groups that fail (default: all).' }),
    mtbf: failureIntervalSchema,
    mttr: durationDistributionSchema,
    until: durationSchema.optional().meta({ description: 'No failure starts at or after this time (default: never).' }),
  }),
  z.strictObject({
    model: z.literal('container-crashes'),
    service: nameSchema.optional(),
    mtbf: failureIntervalSchema,
    until: durationSchema.optional().meta({ description: 'No crash happens at or after this time (default: never).' }),
  }),
]);

/**
 * A scenario's parts, each checked on its own, without the rules that relate one part to another
 * (see {@link scenarioSchema}, and parseScenario, which applies those to whatever parts are valid).
 */
export const scenarioPartsSchema = z.strictObject(
  {
    name: textSchema.optional(),
    description: z.string().optional(),
    seed: z
      .union([z.number().int(), z.string()], {
        error: (iss) => `expected an integer or text, got ${describeValue(iss.input)}`,
      })
      .default(1)
      .meta({ description: 'Seed of every random stream: the same seed gives the same run.' }),
    horizon: durationSchema.optional().meta({ description: 'Run until this simulated time unless told otherwise.' }),
    scheduler: schedulerSchema.default(SCHEDULER_DEFAULTS),
    extendedResources: z.array(nameSchema).max(LIMITS.extendedResources).default([]).meta({
      description:
        "Resources of your own beyond cpu, memory, gpu and ephemeral-storage (names such as 'example.com/foo' need no declaration).",
    }),
    hosts: z
      .array(hostGroupSchema, { error: typeError('a list of hosts') })
      .meta({ description: 'At least one group, unless a stream adds hosts (a trace of machine events).' }),
    images: namedRecord(imageSchema, 'images by name').default({}),
    services: namedRecord(serviceSchema, 'services by name').default({}),
    jobs: namedRecord(jobSchema, 'jobs by name').default({}),
    containers: z.array(standaloneSchema).default([]),
    submission: submissionSchema.optional(),
    streams: z.array(streamSchema).default([]).meta({
      description: 'Workload streams: arrivals generated or read from a trace as the simulation goes, memory flat.',
    }),
    health: healthSchema.optional(),
    faults: z.array(faultSchema).default([]).meta({
      description: 'Faults at given times: host crashes, partitions, container crashes, hangs, zone outages.',
    }),
    failures: z.array(failureModelSchema).default([]).meta({ description: 'Random failure models.' }),
    changes: z.array(changeSchema).default([]).meta({
      description: 'Changes of services at given times: scaling, new images or templates (rolling updates), pausing.',
    }),
    requests: namedRecord(requestTypeSchema, 'request types by name')
      .default({})
      .meta({ description: 'The kinds of request services answer: service time, calls, timeout, retries.' }),
    load: z
      .array(loadSourceSchema)
      .default([])
      .meta({ description: 'Open-loop load: requests arriving from outside.' }),
    network: networkSchema
      .default(NETWORK_DEFAULTS)
      .meta({ description: 'How endpoint changes reach the data plane.' }),
    ...nodeAutoscalingShape,
    functions: functionsSchema.optional().meta({
      description: 'Serverless functions whose instances run on the cluster: platform, keep-alive, limits, functions.',
    }),
  },
  { error: typeError("a scenario: an object with a 'hosts' list") },
);

/** A whole scenario: hosts, workloads, scheduler and horizon. Parsed once at the boundary. */
export const scenarioSchema = scenarioPartsSchema
  .meta({
    title: 'Berth scenario',
    description: 'Hosts, workloads, scheduler and horizon of a Berth simulation.',
    // At least one host, unless a stream adds them (checkScenario says the same to parseScenario).
    anyOf: [
      { properties: { hosts: { type: 'array', minItems: 1 } } },
      { properties: { streams: { type: 'array', minItems: 1 } }, required: ['streams'] },
    ],
  })
  .check((ctx) => checkScenario(ctx.value, ctx.issues));

type Issues = z.core.ParsePayload['issues'];

/**
 * Cross-field rules: totals within LIMITS, unique host and container names, pinned hosts that exist,
 * names that refer to something of the scenario, resource names it knows.
 */
export function checkScenario(
  scenario: z.output<typeof scenarioPartsSchema>,
  issues: Issues,
  streamsAdded = false,
): void {
  const add = (path: PropertyKey[], message: string) =>
    issues.push({ code: 'custom', path, message, input: undefined });
  // A replay of a trace's machine events starts with no host (its streams named here, or added by the
  // caller after parsing); anything else needs one.
  if (scenario.hosts.length === 0 && scenario.streams.length === 0 && !streamsAdded)
    add(['hosts'], 'a scenario needs at least one host');
  scenario.changes.forEach((change, i) => {
    if (!Object.hasOwn(scenario.services, change.service)) {
      add(['changes', i, 'service'], `no service named '${change.service}'`);
    }
  });
  checkTraffic(scenario, issues);
  checkAutoscaling(scenario, issues);
  checkSlo(scenario, issues);
  checkNodeAutoscaling(scenario, issues);
  checkFunctions(scenario, issues);
  checkFailures(scenario, add);
  checkResourceNames(scenario, add);
  // Totals are checked only when every part is valid: a part out of range was reported already.
  const counts = scenario.hosts.map((g) => g.count);
  if (counts.every((n) => Number.isInteger(n) && n <= LIMITS.hosts)) {
    const hosts = counts.reduce((a, b) => a + b, 0);
    if (hosts > LIMITS.hosts) add(['hosts'], `at most ${LIMITS.hosts} hosts are supported in all, got ${hosts}`);
  }
  let containers = scenario.containers.length;
  for (const s of Object.values(scenario.services)) containers += s.replicas;
  for (const j of Object.values(scenario.jobs)) for (const t of j.tasks) containers += t.count;
  if (containers > LIMITS.containers)
    add([], `at most ${LIMITS.containers} containers are supported in all, got ${containers}`);

  // Host names: `name`, or `<group>-<i>` for i < count. Two groups with different names never
  // produce the same name (the suffix is digits only), so comparing names and groups is enough.
  const groups = new Map<string, number>();
  scenario.hosts.forEach((g, i) => {
    if (g.name !== undefined || g.group === undefined) return;
    if (groups.has(g.group)) add(['hosts', i, 'group'], `duplicate group name '${g.group}'`);
    else groups.set(g.group, g.count);
  });
  const named = new Set<string>();
  scenario.hosts.forEach((g, i) => {
    if (g.name === undefined) {
      if (g.group === undefined) add(['hosts', i], "give a single host a 'name', or a group of hosts a 'group' name");
      return;
    }
    if (g.count !== 1) add(['hosts', i, 'count'], `a named host has count 1; use 'group' for ${g.count} hosts`);
    if (named.has(g.name)) add(['hosts', i, 'name'], `duplicate host name '${g.name}'`);
    else if (generatedBy(g.name, groups))
      add(
        ['hosts', i, 'name'],
        `duplicate host name '${g.name}': the group '${generatedBy(g.name, groups)}' has a host of that name`,
      );
    named.add(g.name);
  });
  const hostExists = (name: string) => named.has(name) || generatedBy(name, groups) !== undefined;

  // Container names: services make `<service>-<n>` for ever-growing n (replacements count on),
  // jobs make `<job>-<n>` for n below their task total, standalone containers use their name.
  const jobSizes = new Map<string, number>();
  for (const [name, job] of Object.entries(scenario.jobs)) {
    jobSizes.set(
      name,
      job.tasks.reduce((n, t) => n + t.count, 0),
    );
    if (Object.hasOwn(scenario.services, name))
      add(['jobs', name], `'${name}' names both a service and a job; their containers would share names`);
  }
  const services = new Map(Object.keys(scenario.services).map((s) => [s, Number.POSITIVE_INFINITY]));
  const streams = new Map<string, number>();
  scenario.streams.forEach((w, i) => {
    if (streams.has(w.name)) add(['streams', i, 'name'], `duplicate stream name '${w.name}'`);
    else if (services.has(w.name) || jobSizes.has(w.name))
      add(
        ['streams', i, 'name'],
        `'${w.name}' names both a stream and a ${services.has(w.name) ? 'service' : 'job'}; their containers would share names`,
      );
    streams.set(w.name, Number.POSITIVE_INFINITY);
  });
  const standalone = new Set<string>();
  scenario.containers.forEach((c, i) => {
    if (standalone.has(c.name)) add(['containers', i, 'name'], `duplicate container name '${c.name}'`);
    else {
      const service = generatedBy(c.name, services);
      const job = generatedBy(c.name, jobSizes);
      const stream = generatedBy(c.name, streams);
      if (stream !== undefined)
        add(['containers', i, 'name'], `container name '${c.name}' is taken by an arrival of stream '${stream}'`);
      else if (service !== undefined)
        add(['containers', i, 'name'], `container name '${c.name}' is taken by a replica of service '${service}'`);
      else if (job !== undefined)
        add(['containers', i, 'name'], `container name '${c.name}' is taken by a task of job '${job}'`);
    }
    standalone.add(c.name);
    if (c.host !== undefined && !hostExists(c.host)) add(['containers', i, 'host'], `no host named '${c.host}'`);
  });
  // Faults are attached when the simulation starts, to the scenario's own hosts (see scriptedFaults).
  scenario.faults.forEach((f, i) => {
    if ((f.kind === 'host-crash' || f.kind === 'partition') && !hostExists(f.host)) {
      const near = closestName(f.host, hostNames(scenario.hosts));
      add(['faults', i, 'host'], `no host named '${f.host}'${near === undefined ? '' : ` (did you mean '${near}'?)`}`);
    }
    if (f.kind === 'zone-outage' && !scenario.hosts.some((g) => g.labels[f.key] === f.value)) {
      add(['faults', i, 'value'], `no host has the label ${f.key}=${f.value}`);
    }
  });
}

/** The names of a scenario's hosts, for suggestions (the first few of each group). */
function hostNames(hosts: z.output<typeof scenarioPartsSchema>['hosts']): string[] {
  const names: string[] = [];
  for (const g of hosts) {
    if (g.name !== undefined) names.push(g.name);
    else for (let i = 0; i < Math.min(g.count, 100); i++) names.push(`${g.group}-${i}`);
  }
  return names;
}

/** Resource names the scenario does not know, in every resource map (see resourceNames.ts). */
function checkResourceNames(
  scenario: z.output<typeof scenarioPartsSchema>,
  add: (path: PropertyKey[], message: string) => void,
): void {
  const declared = new Set<string>();
  scenario.extendedResources.forEach((name, i) => {
    if (BUILT_IN_RESOURCES.includes(name))
      add(['extendedResources', i], `'${name}' is built in: remove it from the list`);
    else if (declared.has(name)) add(['extendedResources', i], `'${name}' is declared twice`);
    declared.add(name);
  });
  const check = (path: PropertyKey[], record: Readonly<Record<string, unknown>> | undefined) => {
    if (record === undefined) return;
    for (const name of Object.keys(record)) {
      if (!isKnownResource(name, declared)) add([...path, name], unknownResourceMessage(name, declared));
    }
  };
  const template = (path: PropertyKey[], t: { requests: object; limits?: object | undefined } | undefined) => {
    if (t === undefined) return;
    check([...path, 'requests'], t.requests as Record<string, unknown>);
    check([...path, 'limits'], t.limits as Record<string, unknown> | undefined);
  };
  scenario.hosts.forEach((g, i) => {
    check(['hosts', i, 'capacity'], g.capacity);
  });
  for (const [name, s] of Object.entries(scenario.services)) template(['services', name, 'template'], s.template);
  for (const [name, j] of Object.entries(scenario.jobs))
    j.tasks.forEach((t, i) => {
      template(['jobs', name, 'tasks', i], t);
    });
  scenario.containers.forEach((c, i) => {
    template(['containers', i], c);
  });
  scenario.streams.forEach((w, i) => {
    template(['streams', i, 'template'], w.template);
    w.sizes?.forEach((size, j) => {
      check(['streams', i, 'sizes', j, 'requests'], size.requests);
    });
  });
  scenario.changes.forEach((c, i) => {
    template(['changes', i, 'template'], c.template);
  });
  scenario.nodeGroups.forEach((g, i) => {
    check(['nodeGroups', i, 'template', 'capacity'], g.template?.capacity);
  });
  scenario.provisioner?.instanceTypes.forEach((t, i) => {
    check(['provisioner', 'instanceTypes', i, 'capacity'], t.capacity);
  });
  scenario.scheduler.scorers?.forEach((s, i) => {
    check(['scheduler', 'scorers', i, 'resources'], s.resources);
  });
}

/** What failure models and scripted faults name exists: host groups, services, containers. */
function checkFailures(
  scenario: z.output<typeof scenarioPartsSchema>,
  add: (path: PropertyKey[], message: string) => void,
) {
  // A container fault names a container the scenario creates: a standalone container, a task of a
  // job (`<job>-<n>`, n below its task total), or a replica of a service (`<service>-<n>`, any n:
  // replacements count on). Host names are checked when the faults are attached.
  const standalone = new Set(scenario.containers.map((c) => c.name));
  const services = new Map(Object.keys(scenario.services).map((s) => [s, Number.POSITIVE_INFINITY]));
  const jobs = new Map(
    Object.entries(scenario.jobs).map(([name, job]) => [name, job.tasks.reduce((n, t) => n + t.count, 0)]),
  );
  scenario.faults.forEach((fault, i) => {
    if (fault.kind !== 'container-crash' && fault.kind !== 'hang' && fault.kind !== 'readiness-failure') return;
    const name = fault.container;
    if (standalone.has(name) || generatedBy(name, services) !== undefined || generatedBy(name, jobs) !== undefined)
      return;
    add(
      ['faults', i, 'container'],
      `no container named '${name}': expected a standalone container, '<service>-<n>' or '<job>-<n>' of this scenario`,
    );
  });
  const groups = new Set(scenario.hosts.map((g) => g.group ?? g.name));
  scenario.failures.forEach((model, i) => {
    if (model.model === 'host-failures') {
      model.groups?.forEach((group, j) => {
        if (!groups.has(group))
          add(['failures', i, 'groups', j], `no host group named '${group}'; groups: ${[...groups].join(', ')}`);
      });
    } else if (model.service !== undefined && !Object.hasOwn(scenario.services, model.service)) {
      add(['failures', i, 'service'], `no service named '${model.service}'`);
    }
  });
}

/** The prefix whose `<prefix>-<i>` names (i below its count) include `name`, if any. */
function generatedBy(name: string, counts: ReadonlyMap<string, number>): string | undefined {
  const match = /^(.+)-(0|[1-9][0-9]*)$/.exec(name);
  if (match === null) return undefined;
  const prefix = match[1]!;
  const count = counts.get(prefix);
  return count !== undefined && Number(match[2]) < count ? prefix : undefined;
}

/** A scenario as written (YAML or JSON), before defaults and units are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario: every default applied, quantities in millicores/MiB, durations in ms. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A parsed container template. */
export type ContainerTemplate = z.output<typeof containerTemplateSchema>;
/** A container template as written, with units and defaults still to apply. */
export type ContainerTemplateInput = z.input<typeof containerTemplateSchema>;
