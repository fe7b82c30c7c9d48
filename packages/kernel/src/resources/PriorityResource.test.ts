import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { ConfigError } from '../errors.js';
import type { ProcessGenerator } from '../Process.js';
import { PriorityResource } from './PriorityResource.js';

describe('PriorityResource', () => {
  it('grants waiting requests by priority, lower value first, and in request order among equals', () => {
    const env = new Environment();
    const resource = new PriorityResource(env, { capacity: 1 });
    const log: string[] = [];
    const job = (name: string, priority: number, arrival: number): ProcessGenerator =>
      (function* () {
        yield env.timeout(arrival);
        const request = resource.request({ priority });
        yield request;
        log.push(name);
        yield env.timeout(10);
        resource.release(request);
      })();
    // 'first' takes the free slot at 0 whatever its priority; the rest queue at 1..6.
    env.process(job('first', 9, 0));
    env.process(job('low-a', 5, 1));
    env.process(job('high-a', 1, 2));
    env.process(job('low-b', 5, 3));
    env.process(job('high-b', 1, 4));
    env.process(job('default', 0, 5));
    env.process(job('negative', -2, 6));
    env.run();
    expect(log).toEqual(['first', 'negative', 'default', 'high-a', 'high-b', 'low-a', 'low-b']);
  });

  it('uses priority 0 when none is given', () => {
    const env = new Environment();
    const resource = new PriorityResource(env, { capacity: 1 });
    resource.request();
    const late = resource.request({ priority: 1 });
    const plain = resource.request();
    expect(plain.queuePriority).toBe(0);
    resource.release(resource.request({ priority: 5 }));
    expect(resource.queueLength).toBe(2);
    expect(late.isWaiting).toBe(true);
  });

  it('withdraws a request from the middle of the queue and keeps the order of the rest', () => {
    const env = new Environment();
    const resource = new PriorityResource(env, { capacity: 1 });
    const holder = resource.request();
    const priorities = [7, 3, 5, 1, 9, 3, 2, 8, 4, 6];
    const waiting = priorities.map((priority) => resource.request({ priority }));
    waiting[2]!.cancel(); // priority 5
    waiting[6]!.cancel(); // priority 2
    waiting[3]!.cancel(); // priority 1
    expect(resource.queueLength).toBe(7);
    const order: number[] = [];
    let current = holder;
    for (;;) {
      resource.release(current);
      const next = waiting.find((r) => r.isGranted);
      if (next === undefined) break;
      order.push(next.queuePriority);
      current = next;
    }
    expect(order).toEqual([3, 3, 4, 6, 7, 8, 9]);
    // The two requests of priority 3 were served in request order.
    expect(waiting[1]!.order).toBeLessThan(waiting[5]!.order);
    expect(resource.queueLength).toBe(0);
  });

  it('rejects a priority that is not a finite number', () => {
    const env = new Environment();
    const resource = new PriorityResource(env, { capacity: 2 });
    expect(() => resource.request({ priority: Number.NaN })).toThrow(ConfigError);
    expect(() => resource.request({ priority: Number.POSITIVE_INFINITY })).toThrow(/priority/);
    expect(resource.count).toBe(0);
  });
});
