import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { ConfigError } from '../errors.js';
import { Interrupt } from '../Interrupt.js';
import type { ProcessGenerator } from '../Process.js';
import { Resource } from './Resource.js';
import type { ResourceRequest } from './ResourceRequest.js';

/** A customer that arrives at `arrival`, holds a slot for `hold` ms and logs when it got the slot. */
function customer(
  env: Environment,
  resource: Resource,
  name: string,
  arrival: number,
  hold: number,
  log: string[],
): ProcessGenerator {
  return (function* () {
    yield env.timeout(arrival);
    const request = resource.request();
    yield request;
    log.push(`${name}@${env.now}`);
    yield env.timeout(hold);
    resource.release(request);
  })();
}

describe('Resource', () => {
  it('grants slots in request order, one holder at a time with capacity 1', () => {
    const env = new Environment();
    const counter = new Resource(env, { capacity: 1 });
    const log: string[] = [];
    // a: 0..5; b and c queue behind it in arrival order (b at 1, c at 2); d arrives after all.
    env.process(customer(env, counter, 'a', 0, 5, log));
    env.process(customer(env, counter, 'c', 2, 1, log));
    env.process(customer(env, counter, 'b', 1, 3, log));
    env.process(customer(env, counter, 'd', 20, 1, log));
    env.run();
    // b starts when a leaves (5), c when b leaves (5 + 3 = 8).
    expect(log).toEqual(['a@0', 'b@5', 'c@8', 'd@20']);
    expect(counter.count).toBe(0);
    expect(counter.queueLength).toBe(0);
  });

  it('never has more holders than its capacity, and nobody waits while a slot is free', () => {
    const env = new Environment();
    const servers = new Resource(env, { capacity: 2 });
    const log: string[] = [];
    for (const [i, hold] of [4, 1, 3, 2, 5].entries()) env.process(customer(env, servers, `p${i}`, 0, hold, log));
    const violations: string[] = [];
    env.onTrace(() => {
      if (servers.count > servers.capacity) violations.push(`count ${servers.count} at ${env.now}`);
      if (servers.queueLength > 0 && servers.count < servers.capacity) violations.push(`idle slot at ${env.now}`);
    });
    env.run();
    expect(violations).toEqual([]);
    // Two servers: p0 0..4, p1 0..1, p2 1..4, p3 4..6 (takes p0's slot), p4 4..9 (takes p2's).
    expect(log).toEqual(['p0@0', 'p1@0', 'p2@1', 'p3@4', 'p4@4']);
    expect(env.now).toBe(9);
  });

  it('grants through the agenda: the request is triggered at once but resumes nobody synchronously', () => {
    const env = new Environment();
    const resource = new Resource(env, { capacity: 1 });
    const first = resource.request();
    const second = resource.request();
    expect(first.triggered).toBe(true);
    expect(first.isGranted).toBe(true);
    expect(first.processed).toBe(false);
    expect(second.isWaiting).toBe(true);
    expect(resource.count).toBe(1);
    expect(resource.queueLength).toBe(1);
    resource.release(first);
    expect(second.isGranted).toBe(true);
    expect(second.processed).toBe(false);
    env.run();
    expect(second.processed).toBe(true);
    expect(env.now).toBe(0);
  });

  it('lets an interrupted waiter withdraw its request cleanly', () => {
    const env = new Environment();
    const resource = new Resource(env, { capacity: 1, name: 'desk' });
    const log: string[] = [];
    env.process(customer(env, resource, 'holder', 0, 10, log));
    let withdrawn: ResourceRequest | undefined;
    const impatient = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(1);
        const request = resource.request();
        try {
          yield request;
          log.push('impatient served');
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          resource.release(request);
          withdrawn = request;
          log.push(`impatient gave up@${env.now}`);
        }
      })(),
    );
    env.process(customer(env, resource, 'patient', 2, 1, log));
    env.schedule(3, () => {
      expect(resource.queueLength).toBe(2);
      impatient.interrupt('tired of waiting');
    });
    env.run();
    expect(log).toEqual(['holder@0', 'impatient gave up@3', 'patient@10']);
    expect(withdrawn?.isWaiting).toBe(false);
    expect(withdrawn?.isGranted).toBe(false);
    expect(withdrawn?.triggered).toBe(false);
    expect(resource.queueLength).toBe(0);
    expect(resource.count).toBe(0);
  });

  it('withdraws with cancel() and passes over withdrawn requests when granting', () => {
    const env = new Environment();
    const resource = new Resource(env, { capacity: 1 });
    const holder = resource.request();
    const waiting = [resource.request(), resource.request(), resource.request()];
    waiting[0]!.cancel();
    waiting[1]!.cancel();
    expect(resource.queueLength).toBe(1);
    resource.release(holder);
    expect(waiting[2]!.isGranted).toBe(true);
    expect(waiting[0]!.triggered).toBe(false);
    expect(resource.count).toBe(1);
    expect(resource.queueLength).toBe(0);
  });

  it('frees a slot granted to a process that was interrupted before it resumed', () => {
    const env = new Environment();
    const resource = new Resource(env, { capacity: 1 });
    const log: string[] = [];
    const victim = env.process(
      (function* (): ProcessGenerator {
        const request = resource.request();
        try {
          yield request;
          log.push('victim served');
        } catch {
          // The grant is on the agenda but the interrupt, being urgent, arrives first.
          log.push(`victim interrupted holding=${request.isGranted}`);
          resource.release(request);
        }
      })(),
    );
    env.process(customer(env, resource, 'next', 0, 1, log));
    env.schedule(0, () => victim.interrupt(), undefined, { priority: 0 });
    env.run();
    expect(log).toEqual(['victim interrupted holding=true', 'next@0']);
    expect(resource.count).toBe(0);
  });

  it('treats a second release of the same request as a no-op', () => {
    const env = new Environment();
    const resource = new Resource(env, { capacity: 1 });
    const a = resource.request();
    const b = resource.request();
    resource.release(a);
    resource.release(a);
    expect(resource.count).toBe(1);
    expect(b.isGranted).toBe(true);
  });

  it('rejects a capacity that is not a positive integer, naming the argument', () => {
    const env = new Environment();
    for (const capacity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Resource(env, { capacity })).toThrow(ConfigError);
      expect(() => new Resource(env, { capacity })).toThrow(/capacity/);
    }
    expect(() => new Resource(env, { capacity: '2' as unknown as number })).toThrow(/capacity/);
  });

  it('rejects releasing a request made by another resource', () => {
    const env = new Environment();
    const a = new Resource(env, { capacity: 1 });
    const b = new Resource(env, { capacity: 1, name: 'b' });
    const request = a.request();
    expect(() => b.release(request)).toThrow(ConfigError);
    expect(() => b.release(request)).toThrow(/request.*this resource 'b'/s);
    expect(() => b.release(env.event() as unknown as ResourceRequest)).toThrow(/request/);
    expect(a.count).toBe(1);
  });

  it('serves a long queue with many withdrawals in order', () => {
    const env = new Environment();
    const resource = new Resource(env, { capacity: 1 });
    const n = 30_000;
    const requests = Array.from({ length: n }, () => resource.request());
    // Withdraw every third waiting request, then release the rest one by one in grant order.
    for (let i = 1; i < n; i += 3) requests[i]!.cancel();
    const served: number[] = [];
    for (const [i, request] of requests.entries()) {
      if (request.isGranted) {
        served.push(i);
        resource.release(request);
      }
    }
    const expected = requests.map((_, i) => i).filter((i) => i === 0 || (i - 1) % 3 !== 0);
    expect(served).toEqual(expected);
    expect(resource.count).toBe(0);
    expect(resource.queueLength).toBe(0);
  });
});
