import { z } from 'zod';
import { describeValue } from './describeValue.js';
import { durationSchema } from './fieldSchemas.js';

/** The largest `submission.fill.gpu`: arrivals up to ten times the hosts' GPUs. */
export const MAX_GPU_FILL = 10;

/**
 * How the scenario's standalone containers are submitted, for experiments that replay a pod list the
 * way the FGD paper does (Weng et al., "Beware of Fragmentation", USENIX ATC 2023, §6): in a seeded
 * random order, inflated by resampling to a multiple of the cluster's GPUs, one at a time, never leaving.
 */
export const submissionSchema = z
  .strictObject({
    order: z
      .enum(['listed', 'shuffled'], {
        error: (iss) => `expected 'listed' or 'shuffled', got ${describeValue(iss.input)}`,
      })
      .default('listed')
      .meta({
        description: "'shuffled': the containers in a random order drawn from the run's seed (stream 'order').",
      }),
    fill: z
      .strictObject({
        gpu: z
          .number({
            error: (iss) => `expected a multiple of the hosts' GPUs such as 1.3, got ${describeValue(iss.input)}`,
          })
          .gt(0, { error: (iss) => `expected a multiple above 0 such as 1.3, got ${describeValue(iss.input)}` })
          .max(MAX_GPU_FILL, {
            error: (iss) => `expected at most ${MAX_GPU_FILL} times the hosts' GPUs, got ${describeValue(iss.input)}`,
          }),
      })
      .optional()
      .meta({
        description:
          "Copies of containers drawn at random (with replacement) are appended until the next would take the GPUs asked for past this multiple of the hosts' GPUs (the paper's 1.3).",
      }),
    every: durationSchema
      .refine((ms) => typeof ms !== 'number' || ms > 0, {
        error: (iss) => `expected a duration above 0 such as '1ms', got ${describeValue(iss.input)}`,
      })
      .optional()
      .meta({ description: "The i-th container (from 0) is submitted at i × every, instead of at its own 'at'." }),
    forever: z
      .boolean()
      .default(false)
      .meta({ description: 'The containers never finish: their durations are ignored, as in the paper.' }),
  })
  .meta({
    description:
      "How the standalone containers are submitted: order, inflation by resampling, spacing (the FGD paper's experiment).",
  });

/** The parsed `submission` section. */
export type Submission = z.output<typeof submissionSchema>;
