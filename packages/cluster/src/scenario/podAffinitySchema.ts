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
