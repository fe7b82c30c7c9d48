// Field types of hosts and containers shared by the scenario's sections: resource amounts, labels, taints.
import { z } from 'zod';
import { parseQuantity } from '../quantities/parseQuantity.js';
import { describeValue } from './describeValue.js';
import { LIMITS, namedRecord, nameSchema, textSchema } from './fieldSchemas.js';

const QUANTITY_HINT = "a quantity such as '500m' or '2' (cpu), '512Mi' or '4Gi' (memory), or a number";

/** Kubernetes' quantity grammar (see parseQuantity), as the JSON schema's pattern: a number, then a suffix or an exponent. */
const QUANTITY_PATTERN = '^\\s*\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[a-zA-Z]*)\\s*$';

/** Resource amounts by name, in Kubernetes notation (`cpu: 500m`, `memory: 4Gi`, `gpu: 1`). */
export const resourcesSchema = namedRecord(
  z
    .union([z.number(), z.string()], { error: (iss) => `expected ${QUANTITY_HINT}, got ${describeValue(iss.input)}` })
    .meta({
      pattern: QUANTITY_PATTERN,
      minimum: 0,
      maximum: LIMITS.quantity,
    }),
  "resource amounts such as { cpu: '2', memory: '4Gi' }",
  LIMITS.extendedResources,
)
  .meta({
    id: 'resources',
    description:
      "Resource amounts by name, as in a Kubernetes manifest: cpu in cores (2, 0.5) or millicores ('500m'), memory in bytes unless it has a suffix ('512Mi', '4Gi', '1G'), others as counts.",
  })
  .transform((record, ctx) => {
    const out: Record<string, number> = {};
    for (const [name, raw] of Object.entries(record)) {
      const value = parseQuantity(name, raw);
      if (typeof value === 'string')
        ctx.issues.push({ code: 'custom', continue: true, message: value, path: [name], input: raw });
      else out[name] = value;
    }
    return out;
  });

/** Labels: names to text values. */
export const labelsSchema = namedRecord(textSchema, 'labels such as { zone: a }', LIMITS.labels).meta({
  id: 'labels',
  description: 'Labels: names to text values.',
});

/** A taint's effect. */
export const taintEffect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/** A host's taint. */
export const taintSchema = z.strictObject({ key: nameSchema, value: textSchema.optional(), effect: taintEffect });
