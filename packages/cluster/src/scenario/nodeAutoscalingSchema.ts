// Scenario fields of node autoscaling: node groups with the cluster autoscaler's settings, a
// Karpenter-like provisioner, and the services' disruption budgets both of them respect.
import { z } from 'zod';
import { describeValue } from './describeValue.js';
import {
  durationDistributionSchema,
  durationSchema,
  integer,
  LIMITS,
  namedRecord,
  nameSchema,
} from './fieldSchemas.js';
import { labelsSchema, resourcesSchema, taintSchema } from './hostFieldSchemas.js';

/** The expanders a scenario may name, as cluster-autoscaler's `--expander` flag spells them. */
export const EXPANDER_NAMES = ['random', 'most-pods', 'least-waste', 'price', 'priority'] as const;

/** A name of one of the cluster autoscaler's expanders. */
export type ExpanderName = (typeof EXPANDER_NAMES)[number];

/**
 * The cluster autoscaler's defaults, from kubernetes/autoscaler `cluster-autoscaler/config/flags/flags.go`
 * and the `config` package's constants (Default*): scan every 10 s; a node is unneeded below 0.5
 * utilisation for 10 min; scale-down waits 10 min after a scale-up, 0 after a deletion (the next loop)
 * and 3 min after a failed scale-down; a node not registered 15 min after its launch counts as failed;
 * at most 10 nodes are removed at once (`--max-scale-down-parallelism`), non-empty ones one at a time
 * (`--max-drain-parallelism`); an eviction is retried for 2 min (`--max-pod-eviction-time`) and evicted
 * pods get 10 min to terminate (`--max-graceful-termination-sec`, 600); a node
 * group that failed is backed off 5 min, doubling to 30 min (`--initial-node-group-backoff-duration`,
 * `--max-node-group-backoff-duration`); at most 1000 nodes per scale-up. The default expander is
 * `least-waste` since kubernetes/autoscaler PR #7631 (2025; older releases default to `random`).
 */
export const CLUSTER_AUTOSCALER_DEFAULTS = {
  expander: 'least-waste',
  scanInterval: 10_000,
  scaleDownEnabled: true,
  scaleDownUtilizationThreshold: 0.5,
  scaleDownUnneededTime: 600_000,
  scaleDownDelayAfterAdd: 600_000,
  scaleDownDelayAfterDelete: 0,
  scaleDownDelayAfterFailure: 180_000,
  maxScaleDownParallelism: 10,
  maxDrainParallelism: 1,
  maxPodEvictionTime: 120_000,
  maxGracefulTermination: 600_000,
  initialNodeGroupBackoff: 300_000,
  maxNodeGroupBackoff: 1_800_000,
  maxNodesPerScaleUp: 1000,
} as const;

/**
 * How long a node takes from launch to joining: uniform 3 to 4 min, the cluster autoscaler FAQ's
 * figure for GCE ("How fast is Cluster Autoscaler?": node provisioning typically 3–4 min). A node not
 * joined after `maxProvisionTime` (15 min, `--max-node-provision-time`) counts as failed.
 */
export const NODE_GROUP_DEFAULTS = {
  provisioning: { dist: 'uniform', min: 180_000, max: 240_000 },
  maxProvisionTime: 900_000,
} as const;

/**
 * The provisioner's defaults, after Karpenter v1: consolidation `WhenEmptyOrUnderutilized` after 0 s
 * (karpenter.sh, concepts/disruption and concepts/nodepools); a default disruption budget of
 * `{ nodes: '10%' }` (concepts/disruption, "NodePool Disruption Budgets"); a computed consolidation is
 * re-validated 15 s later before it acts (`consolidationTTL`, pkg/controllers/disruption/consolidation.go);
 * pending pods are batched until 1 s passes without a new one or 10 s in all (reference/settings,
 * BATCH_IDLE_DURATION, BATCH_MAX_DURATION). Provisioning: uniform 1 to 4 min, Berth's assumption for a
 * cloud VM (set yours); a node not registered after 15 min counts as failed (as the cluster
 * autoscaler's default; Karpenter's registration TTL is also 15 min [unconfirmed]). Berth looks for
 * consolidations every 10 s (its own choice, the cluster autoscaler's scan interval).
 */
export const PROVISIONER_DEFAULTS = {
  consolidationPolicy: 'WhenEmptyOrUnderutilized',
  consolidateAfter: 0,
  budgets: [{ nodes: '10%' }],
  validationDelay: 15_000,
  batchIdleDuration: 1_000,
  batchMaxDuration: 10_000,
  disruptionInterval: 10_000,
  provisioning: { dist: 'uniform', min: 60_000, max: 240_000 },
  maxProvisionTime: 900_000,
} as const;

/**
 * From a node joining to its being ready for containers: the scheduler places nothing on a node whose
 * Ready condition is false (the `node.kubernetes.io/not-ready:NoSchedule` taint). 0 by default: the
 * provisioning delay then counts until the node is ready; split the two when you know both.
 */
const readinessSchema = durationSchema.default(0).meta({
  description:
    'From joining to ready: the node is not schedulable meanwhile (default 0: the provisioning delay lasts until ready).',
});

/** The host a node group adds: like a `hosts` entry without a count. */
const hostTemplateSchema = z.strictObject({
  capacity: resourcesSchema,
  maxContainers: integer(1, 1_000_000).default(110),
  labels: labelsSchema.default({}),
  taints: z.array(taintSchema).default([]),
});

const expanderSchema = z
  .union([z.string(), z.array(z.string()).min(1, 'expected at least one expander')], {
    error: (iss) =>
      `expected an expander name such as 'least-waste', a comma-separated chain, or a list, got ${describeValue(iss.input)}`,
  })
  .meta({
    description: `Which node group grows: ${EXPANDER_NAMES.join(', ')}; a chain ('priority,least-waste') narrows in turn.`,
  })
  .transform((value, ctx) => {
    const names = (typeof value === 'string' ? value.split(',') : value).map((n) => n.trim());
    const out: ExpanderName[] = [];
    names.forEach((name, i) => {
      if ((EXPANDER_NAMES as readonly string[]).includes(name)) out.push(name as ExpanderName);
      else
        ctx.issues.push({
          code: 'custom',
          continue: true,
          path: typeof value === 'string' ? [] : [i],
          message: `unknown expander '${name}'; known: ${EXPANDER_NAMES.join(', ')}`,
          input: name,
        });
    });
    return out;
  });

const nodeGroupSchema = z
  .strictObject({
    name: nameSchema.meta({ description: "The group's name; its hosts are named '<name>-0', '<name>-1', ..." }),
    template: hostTemplateSchema.optional().meta({ description: 'The host the group adds: capacity, labels, taints.' }),
    min: integer(0, LIMITS.hosts).default(0).meta({ description: 'The autoscaler never goes below this size.' }),
    max: integer(0, LIMITS.hosts).meta({ description: 'The autoscaler never goes above this size.' }),
    initial: integer(0, LIMITS.hosts).optional().meta({ description: 'Hosts at the start (default: min).' }),
    hourlyCost: z
      .number()
      .min(0)
      .max(LIMITS.hourlyCost)
      .default(0)
      .meta({ description: 'Price of one host per hour.' }),
    priority: integer(-1_000_000, 1_000_000)
      .default(0)
      .meta({ description: "For the 'priority' expander: the highest wins." }),
    provisioning: durationDistributionSchema
      .default(NODE_GROUP_DEFAULTS.provisioning)
      .meta({ description: 'Time from launch to joining the cluster (default uniform 3m..4m).' }),
    maxProvisionTime: durationSchema
      .default(NODE_GROUP_DEFAULTS.maxProvisionTime)
      .meta({ description: 'A node not joined after this long counts as failed (15m).' }),
    readiness: readinessSchema,
  })
  .check((ctx) => {
    const g = ctx.value;
    const add = (path: string, message: string, input: unknown) =>
      ctx.issues.push({ code: 'custom', continue: true, path: [path], message, input });
    if (g.template === undefined)
      add(
        'template',
        "a node group needs a template: the host it adds, such as { capacity: { cpu: '4', memory: '16Gi' } }",
        undefined,
      );
    if (g.min > g.max) add('min', `min (${g.min}) must be at most max (${g.max})`, g.min);
    if (g.initial !== undefined && (g.initial < g.min || g.initial > g.max))
      add('initial', `initial (${g.initial}) must be within min..max (${g.min}..${g.max})`, g.initial);
  });

const clusterAutoscalerSchema = z.strictObject({
  expander: expanderSchema.default([CLUSTER_AUTOSCALER_DEFAULTS.expander]),
  scanInterval: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.scanInterval),
  scaleDownEnabled: z.boolean().default(true),
  scaleDownUtilizationThreshold: z
    .number()
    .gt(0, 'expected a fraction in (0, 1]')
    .max(1, 'expected a fraction in (0, 1]')
    .default(CLUSTER_AUTOSCALER_DEFAULTS.scaleDownUtilizationThreshold),
  scaleDownUnneededTime: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.scaleDownUnneededTime),
  scaleDownDelayAfterAdd: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.scaleDownDelayAfterAdd),
  scaleDownDelayAfterDelete: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.scaleDownDelayAfterDelete),
  scaleDownDelayAfterFailure: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.scaleDownDelayAfterFailure),
  maxScaleDownParallelism: integer(1, 100_000).default(CLUSTER_AUTOSCALER_DEFAULTS.maxScaleDownParallelism),
  maxDrainParallelism: integer(1, 100_000).default(CLUSTER_AUTOSCALER_DEFAULTS.maxDrainParallelism),
  maxPodEvictionTime: durationSchema
    .default(CLUSTER_AUTOSCALER_DEFAULTS.maxPodEvictionTime)
    .meta({ description: 'A scale-down fails when a container cannot be evicted within this time (2m).' }),
  maxGracefulTermination: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.maxGracefulTermination).meta({
    description:
      "Each eviction's grace period is cut to this (10m; 0s: no cut), and a scale-down fails when evicted containers have not exited this long plus 30 s after the last eviction (cluster-autoscaler's --max-graceful-termination-sec).",
  }),
  initialNodeGroupBackoff: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.initialNodeGroupBackoff),
  maxNodeGroupBackoff: durationSchema.default(CLUSTER_AUTOSCALER_DEFAULTS.maxNodeGroupBackoff),
  maxNodesPerScaleUp: integer(1, LIMITS.hosts).default(CLUSTER_AUTOSCALER_DEFAULTS.maxNodesPerScaleUp),
});

const countOrPercent = z.union([
  z.number().int().min(0),
  z.string().regex(/^\d+(\.\d+)?%$/, "expected a count or a percentage such as '10%'"),
]);

const disruptionReason = z.enum(['Empty', 'Underutilized']);

const instanceTypeSchema = z.strictObject({
  name: nameSchema,
  capacity: resourcesSchema,
  hourlyCost: z
    .number()
    .min(0)
    .max(LIMITS.hourlyCost)
    .meta({ description: 'Price of one host of this type per hour.' }),
  maxContainers: integer(1, 1_000_000).default(110),
});

const provisionerSchema = z
  .strictObject({
    name: nameSchema.default('provisioner').meta({ description: "Its hosts are named '<name>-0', '<name>-1', ..." }),
    instanceTypes: z
      .array(instanceTypeSchema)
      .min(1, 'a provisioner needs at least one instance type to choose from')
      .meta({ description: 'The catalog the provisioner chooses host types from.' }),
    labels: labelsSchema.default({}),
    taints: z.array(taintSchema).default([]),
    maxHosts: integer(1, LIMITS.hosts)
      .optional()
      .meta({ description: "The most hosts it runs at once (a NodePool's limits)." }),
    consolidationPolicy: z.enum(['WhenEmpty', 'WhenEmptyOrUnderutilized']).default('WhenEmptyOrUnderutilized'),
    consolidateAfter: z
      .union([z.literal('Never'), durationSchema])
      .default(PROVISIONER_DEFAULTS.consolidateAfter)
      .meta({
        description: "How long a host must see no container arrive or leave before it is consolidated; 'Never'.",
      }),
    budgets: z
      .array(z.strictObject({ nodes: countOrPercent, reasons: z.array(disruptionReason).min(1).optional() }))
      .default([...PROVISIONER_DEFAULTS.budgets])
      .meta({ description: "At most this many hosts disrupted at once (default '10%'); the most restrictive wins." }),
    validationDelay: durationSchema.default(PROVISIONER_DEFAULTS.validationDelay),
    batchIdleDuration: durationSchema.default(PROVISIONER_DEFAULTS.batchIdleDuration),
    batchMaxDuration: durationSchema.default(PROVISIONER_DEFAULTS.batchMaxDuration),
    disruptionInterval: durationSchema.default(PROVISIONER_DEFAULTS.disruptionInterval),
    provisioning: durationDistributionSchema.default(PROVISIONER_DEFAULTS.provisioning),
    maxProvisionTime: durationSchema.default(PROVISIONER_DEFAULTS.maxProvisionTime),
    readiness: readinessSchema,
  })
  .check((ctx) => {
    const names = new Set<string>();
    ctx.value.instanceTypes.forEach((t, i) => {
      if (names.has(t.name))
        ctx.issues.push({
          code: 'custom',
          continue: true,
          path: ['instanceTypes', i, 'name'],
          message: `duplicate instance type '${t.name}'`,
          input: t.name,
        });
      names.add(t.name);
    });
  });

const budgetSchema = z
  .strictObject({ minAvailable: countOrPercent.optional(), maxUnavailable: countOrPercent.optional() })
  .check((ctx) => {
    if (ctx.value.minAvailable !== undefined && ctx.value.maxUnavailable !== undefined)
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: [],
        message: 'minAvailable and maxUnavailable are mutually exclusive; give one of them',
        input: ctx.value,
      });
  });

/** The scenario's top-level fields for node autoscaling (spread into the scenario schema). */
export const nodeAutoscalingShape = {
  nodeGroups: z
    .array(nodeGroupSchema)
    .default([])
    .meta({ description: 'Groups of hosts the cluster autoscaler grows and shrinks between min and max.' }),
  clusterAutoscaler: clusterAutoscalerSchema
    .optional()
    .meta({ description: "The cluster autoscaler's settings (defaults: cluster-autoscaler's flags)." }),
  provisioner: provisionerSchema
    .optional()
    .meta({ description: 'A Karpenter-like provisioner: launches the cheapest fitting host types and consolidates.' }),
  disruptionBudgets: namedRecord(budgetSchema, 'disruption budgets by service')
    .default({})
    .meta({ description: "Services' PodDisruptionBudgets: node scale-down and consolidation respect them." }),
};

/** A parsed node group. */
export type NodeGroupConfig = z.output<typeof nodeGroupSchema>;
/** The cluster autoscaler's parsed settings. */
export type ClusterAutoscalerConfig = z.output<typeof clusterAutoscalerSchema>;
/** A parsed provisioner. */
export type ProvisionerConfig = z.output<typeof provisionerSchema>;

type Issues = z.core.ParsePayload['issues'];

/** What {@link checkNodeAutoscaling} reads of a scenario. */
interface AutoscalingParts {
  readonly hosts: ReadonlyArray<{ readonly group?: string | undefined; readonly name?: string | undefined }>;
  readonly services: Readonly<Record<string, unknown>>;
  readonly nodeGroups: readonly NodeGroupConfig[];
  readonly provisioner?: ProvisionerConfig | undefined;
  readonly clusterAutoscaler?: ClusterAutoscalerConfig | undefined;
  readonly disruptionBudgets: Readonly<Record<string, unknown>>;
}

/** Cross-field rules: unique group names that no static host uses, budgets of known services. */
export function checkNodeAutoscaling(scenario: AutoscalingParts, issues: Issues): void {
  const add = (path: PropertyKey[], message: string) =>
    issues.push({ code: 'custom', path, message, input: undefined });
  const taken = new Set<string>();
  for (const h of scenario.hosts) {
    if (h.group !== undefined) taken.add(h.group);
    if (h.name !== undefined) {
      const match = /^(.+)-(0|[1-9][0-9]*)$/.exec(h.name);
      if (match !== null) taken.add(match[1]!);
    }
  }
  const prefixes = new Set<string>();
  const claim = (name: string, path: PropertyKey[]) => {
    if (taken.has(name)) add(path, `'${name}' is already a host group (or a host's name prefix); choose another name`);
    else if (prefixes.has(name)) add(path, `duplicate node group name '${name}'`);
    prefixes.add(name);
  };
  scenario.nodeGroups.forEach((g, i) => {
    claim(g.name, ['nodeGroups', i, 'name']);
  });
  if (scenario.provisioner !== undefined) claim(scenario.provisioner.name, ['provisioner', 'name']);
  if (scenario.clusterAutoscaler !== undefined && scenario.nodeGroups.length === 0)
    add(['clusterAutoscaler'], 'the cluster autoscaler needs nodeGroups to scale; add at least one');
  for (const service of Object.keys(scenario.disruptionBudgets)) {
    if (!Object.hasOwn(scenario.services, service))
      add(['disruptionBudgets', service], `no service named '${service}'`);
  }
}
