import { ConfigError, type RandomStream } from '@berth/kernel';
import type { ContainerSpec } from '../containers/Container.js';
import { resampledOrder } from '../gpu/experiment/resampledOrder.js';
import type { Host } from '../hosts/Host.js';
import { GPU } from '../resources/ResourceCatalog.js';
import { LIMITS } from '../scenario/fieldSchemas.js';
import type { Submission } from '../scenario/submissionSchema.js';

/** A standalone container and the time it is submitted. */
export interface PlannedContainer {
  readonly at: number;
  readonly spec: ContainerSpec;
}

/** Milli-GPU a container asks for: its devices (milli × count), or its `gpu` request × 1,000. */
function gpuMilli(spec: ContainerSpec): number {
  return spec.gpu === undefined ? Math.round(spec.requests[GPU]! * 1000) : spec.gpu.milli * spec.gpu.count;
}

/**
 * The standalone containers as the scenario's `submission` submits them: in a random order from
 * `stream` when `order` is 'shuffled'; with `fill`, copies drawn with replacement appended until the
 * next would take the GPUs asked for past `fill.gpu` × the hosts' GPUs (named `<name>~<k>`, k from 1
 * in order of submission); the i-th at i × `every` when given; never finishing when `forever`. The
 * order is {@link resampledOrder}'s, so a seed gives the paper experiment's order exactly.
 */
export function submissionPlan(
  containers: readonly PlannedContainer[],
  submission: Submission,
  hosts: readonly Host[],
  stream: RandomStream,
): PlannedContainer[] {
  const amounts = containers.map((c) => gpuMilli(c.spec));
  let target: number | null = null;
  if (submission.fill !== undefined) {
    let capacity = 0;
    for (const host of hosts) capacity += Math.round(host.capacity[GPU]! * 1000);
    const asked = amounts.reduce((a, b) => a + b, 0);
    const problem =
      capacity === 0
        ? 'the hosts have no GPUs to fill'
        : asked === 0
          ? 'no standalone container asks for a GPU, so copies would never fill the GPUs'
          : // Copies average asked / n milli-GPU each: refuse a fill that would need more containers than allowed.
            (submission.fill.gpu * capacity * containers.length) / asked > LIMITS.containers
            ? `filling ${submission.fill.gpu} × ${capacity / 1000} GPUs with containers asking ${asked / 1000} GPUs per ${containers.length} would make more than ${LIMITS.containers.toLocaleString('en-US')} containers`
            : null;
    if (problem !== null) throw new ConfigError([{ path: 'submission.fill.gpu', message: problem }], 'scenario');
    target = submission.fill.gpu * capacity;
  }
  const order = resampledOrder(amounts, submission.order === 'shuffled', target, stream);
  let copies = 0;
  return order.map((index, i) => {
    const original = containers[index]!;
    const copy = i >= containers.length;
    let spec = original.spec;
    if (copy || submission.forever) {
      spec = {
        ...spec,
        ...(copy ? { name: `${spec.name}~${++copies}` } : {}),
        ...(submission.forever ? { durationMs: Number.POSITIVE_INFINITY } : {}),
      };
    }
    return { at: submission.every === undefined ? original.at : i * submission.every, spec };
  });
}
