import { describe, expect, it } from 'vitest';
import { Container, type ContainerSpec } from '../containers/Container.js';
import { rankMemoryPressure } from './rankMemoryPressure.js';

function container(id: number, requestMiB: number, priority: number): Container {
  const spec = {
    name: `c${id}`,
    requests: Float64Array.from([100, requestMiB, 0]),
    nonZeroRequests: Float64Array.from([100, requestMiB || 200, 0]),
    priority,
  } as Partial<ContainerSpec> as ContainerSpec;
  return new Container(id, spec, 0);
}

describe('rankMemoryPressure (the kubelet eviction order)', () => {
  // [name, a = (id, request, priority, usage), b = (...), expected sign: < 0 means a goes first]
  const rows: Array<[string, [number, number, number, number], [number, number, number, number], number]> = [
    // a uses 600 of 512 (over its request), b 900 of 1024 (under): over-request goes first, whatever the priority.
    ['over its request beats under it', [1, 512, 100, 600], [2, 1024, 0, 900], -1],
    // both over: priority 0 before priority 10.
    ['then lower priority', [1, 512, 10, 2000], [2, 512, 0, 600], 1],
    // both over, same priority: excess 1000 − 512 = 488 before 700 − 512 = 188.
    ['then the larger excess over the request', [1, 512, 0, 700], [2, 512, 0, 1000], 1],
    // both under their requests, same priority: excess −100 before −400.
    ['excess ranks even below the request', [1, 512, 0, 112], [2, 512, 0, 412], 1],
    // a best-effort container (request 0) using anything is over its request.
    ['best effort is over its request', [1, 0, 0, 50], [2, 512, -5, 500], -1],
    // identical: the older (lower id) first.
    ['ties go to the older container', [3, 512, 0, 600], [4, 512, 0, 600], -1],
  ];
  it.each(rows)('%s', (_name, [ia, ra, pa, ua], [ib, rb, pb, ub], sign) => {
    const order = rankMemoryPressure(
      { container: container(ia, ra, pa), usage: ua },
      { container: container(ib, rb, pb), usage: ub },
    );
    expect(Math.sign(order)).toBe(sign);
  });
});
