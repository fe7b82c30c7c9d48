import { z } from 'zod';
import { integer, nameSchema, textSchema } from './fieldSchemas.js';
import { labelsSchema } from './hostFieldSchemas.js';

/** Kubernetes' LabelSelectorRequirement: In/NotIn need values, Exists/DoesNotExist take none. */
const selectorRequirementSchema = z
  .strictObject({
    key: nameSchema,
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(textSchema).optional(),
  })
  .check((ctx) => {
    const { operator, values } = ctx.value;
    const n = values?.length ?? 0;
    let message: string | undefined;
    if ((operator === 'In' || operator === 'NotIn') && n === 0)
      message = `operator '${operator}' needs at least one value`;
    if ((operator === 'Exists' || operator === 'DoesNotExist') && n > 0)
      message = `operator '${operator}' takes no values`;
    if (message !== undefined)
      ctx.issues.push({ code: 'custom', continue: true, path: ['values'], message, input: values });
  });

/** Kubernetes' PodAffinityTerm over container labels; tenants play namespaces. */
const podAffinityTermSchema = z
  .strictObject({
    labelSelector: z
      .strictObject({
        matchLabels: labelsSchema.default({}),
        matchExpressions: z.array(selectorRequirementSchema).default([]),
      })
      .meta({ description: 'Containers whose labels match every pair and expression ({} matches all).' }),
    topologyKey: nameSchema.meta({ description: "A host label ('zone'), or 'hostname' for each host alone." }),
    namespaces: z.array(nameSchema).min(1).optional().meta({
      description: "Tenants whose containers count (Kubernetes' namespaces); the container's own when absent.",
    }),
  })
  .meta({
    id: 'podAffinityTerm',
    description: "Kubernetes' PodAffinityTerm: matching containers, per topology domain.",
  });

/** Required terms (a filter) and weighted preferred terms (a score), as in Kubernetes' podAffinity. */
export const podAffinityRulesSchema = z
  .strictObject({
    required: z
      .array(podAffinityTermSchema)
      .default([])
      .meta({ description: 'requiredDuringSchedulingIgnoredDuringExecution: every term must hold.' }),
    preferred: z
      .array(z.strictObject({ weight: integer(1, 100), term: podAffinityTermSchema }))
      .default([])
      .meta({ description: 'preferredDuringSchedulingIgnoredDuringExecution: weight 1..100 per term.' }),
  })
  .meta({ id: 'podAffinityRules' });

/** SwarmKit's `--placement-pref spread=node.labels.<label>`: the label follows `node.labels.`. */
export const placementPreferenceSchema = z
  .strictObject({
    spread: z
      .string({ error: "expected 'node.labels.<label>', such as 'node.labels.zone'" })
      .regex(/^node\.labels\.[^\s]+$/, {
        error: (iss) =>
          `expected 'node.labels.<label>', such as 'node.labels.zone' (SwarmKit spreads over node labels), got '${String(iss.input)}'`,
      })
      .max(200),
  })
  .meta({ id: 'placementPreference', description: "SwarmKit's placement preference: { spread: 'node.labels.zone' }." });

const nomadAttribute = z
  .string({ error: `expected a Nomad attribute such as '\${meta.rack}' or '\${node.datacenter}'` })
  .max(200)
  .regex(/^\$\{(?:(?:meta|attr)\..+|node\.(?:datacenter|class|unique\.name))\}$/, {
    error: (iss) =>
      `expected a Nomad attribute: '\${meta.<label>}', '\${attr.<label>}', '\${node.datacenter}', '\${node.class}' or '\${node.unique.name}', got '${String(iss.input)}'`,
  });

/** Nomad's `affinity` and `spread` blocks (developer.hashicorp.com/nomad/docs/job-specification/affinity, /spread). */
export const nomadPlacementSchema = z
  .strictObject({
    affinities: z
      .array(
        z
          .strictObject({
            attribute: nomadAttribute,
            operator: z
              .enum([
                '=',
                '==',
                'is',
                '!=',
                'not',
                '<',
                '<=',
                '>',
                '>=',
                'regexp',
                'set_contains_all',
                'set_contains_any',
              ])
              .default('='),
            value: textSchema,
            weight: integer(-100, 100)
              .default(50)
              .meta({ description: "−100..100, not 0 (Nomad's default 50); negative weights repel." }),
          })
          .check((ctx) => {
            if (ctx.value.weight === 0)
              ctx.issues.push({
                code: 'custom',
                continue: true,
                path: ['weight'],
                message: 'expected a weight from -100 to 100 other than 0 (Nomad rejects a zero affinity weight)',
                input: 0,
              });
            if (ctx.value.operator === 'regexp') {
              try {
                new RegExp(ctx.value.value);
              } catch {
                ctx.issues.push({
                  code: 'custom',
                  continue: true,
                  path: ['value'],
                  message: `expected a regular expression, got '${ctx.value.value}'`,
                  input: ctx.value.value,
                });
              }
            }
          }),
      )
      .max(32)
      .default([]),
    spreads: z
      .array(
        z.strictObject({
          attribute: nomadAttribute,
          weight: integer(0, 100)
            .default(0)
            .meta({ description: "0..100 (Nomad's default 0), relative to the other spreads." }),
          targets: z
            .array(z.strictObject({ value: textSchema, percent: integer(0, 100) }))
            .max(64)
            .default([])
            .meta({ description: 'Target percentages per value; none: spread evenly over the values.' }),
        }),
      )
      .max(8)
      .default([]),
  })
  .check((ctx) => {
    const spreads = ctx.value.spreads;
    const weighted = spreads.some((s) => s.targets.length > 0);
    if (weighted && spreads.reduce((sum, s) => sum + s.weight, 0) === 0)
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['spreads'],
        message: 'spreads with targets need a weight above 0 (Nomad divides by the sum of the spread weights)',
        input: spreads,
      });
    spreads.forEach((s, i) => {
      const total = s.targets.reduce((sum, t) => sum + t.percent, 0);
      if (total > 100)
        ctx.issues.push({
          code: 'custom',
          continue: true,
          path: ['spreads', i, 'targets'],
          message: `target percentages add up to ${total}; expected at most 100`,
          input: s.targets,
        });
    });
  })
  .meta({ id: 'nomadPlacement', description: "Nomad's affinity and spread blocks, read by the nomad presets." });
