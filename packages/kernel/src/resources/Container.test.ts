import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { ConfigError } from '../errors.js';
import { Interrupt } from '../Interrupt.js';
import type { ProcessGenerator } from '../Process.js';
import { Container } from './Container.js';

describe('Container', () => {
  it('serves puts and gets in the order they were made; one that cannot be served holds up those behind it', () => {
    // SimPy 3.0.11 gives the same times (test/parity: containerFifoWithHeadOfLineBlocking).
    const env = new Environment();
    const tank = new Container(env, { capacity: 100, initial: 50 });
    const log: string[] = [];
    const transfer = (name: string, at: number, make: () => ReturnType<Container['get']>) =>
      env.process(
        (function* (): ProcessGenerator {
          yield env.timeout(at);
          yield make();
          log.push(`${env.now} ${name} level=${tank.level}`);
        })(),
      );
    transfer('get 30', 0, () => tank.get(30));
    transfer('get 40', 1, () => tank.get(40)); // 20 left: waits
    transfer('get 1', 1.5, () => tank.get(1)); // would fit, but waits behind 'get 40'
    transfer('put 15', 2, () => tank.put(15)); // 35: still not enough for 40
    transfer('put 10', 3, () => tank.put(10)); // 45: 'get 40' and 'get 1' go, 4 left
    transfer('put 97', 4, () => tank.put(97)); // 101 > 100: waits
    transfer('get 3', 5, () => tank.get(3)); // 1 left, then 'put 97' fits: 98
    env.run();
    expect(log).toEqual([
      '0 get 30 level=20',
      '2 put 15 level=35',
      '3 put 10 level=4',
      '3 get 40 level=4',
      '3 get 1 level=4',
      '5 get 3 level=98',
      '5 put 97 level=98',
    ]);
    expect(tank.putQueueLength + tank.getQueueLength).toBe(0);
  });

  it('moves the level when the transfer is made; the waiting process resumes later at the same instant', () => {
    // SimPy moves the level when the put or get is processed, so a third process looking at the very
    // instant may see the level before the transfer there (a documented difference).
    const env = new Environment();
    const tank = new Container(env, { capacity: 10 });
    const get = tank.get(4);
    tank.put(6);
    expect(tank.level).toBe(2);
    expect(get.triggered).toBe(true);
    expect(get.processed).toBe(false);
    env.run();
    expect(get.processed).toBe(true);
  });

  it('withdraws a waiting transfer with cancel() or by leaving a using block, and serves those it held up at once', () => {
    const env = new Environment();
    const tank = new Container(env, { capacity: 10, initial: 3, name: 'tank' });
    const log: string[] = [];
    const greedy = env.process(
      (function* (): ProcessGenerator {
        try {
          using get = tank.get(8);
          yield get;
          log.push('greedy served');
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          log.push(`greedy gave up at ${env.now}`);
        }
      })(),
    );
    env.process(
      (function* (): ProcessGenerator {
        yield tank.get(2);
        log.push(`modest served at ${env.now}`);
      })(),
    );
    env.schedule(1, () => greedy.interrupt());
    env.run();
    expect(log).toEqual(['greedy gave up at 1', 'modest served at 1']);
    expect(tank.level).toBe(1);
    expect(tank.getQueueLength).toBe(0);

    const put = tank.put(10);
    expect(put.cancel()).toBe(true);
    expect(put.cancel()).toBe(false);
    expect(tank.putQueueLength).toBe(0);
    expect(tank.put(9).cancel()).toBe(false); // accepted at once: nothing to withdraw
    expect(tank.level).toBe(10);
  });

  it('rejects bad capacities, initial levels and amounts, naming the argument', () => {
    const env = new Environment();
    for (const capacity of [0, -1, Number.NaN]) {
      expect(() => new Container(env, { capacity })).toThrow(ConfigError);
      expect(() => new Container(env, { capacity })).toThrow(/capacity/);
    }
    for (const initial of [-1, 11, Number.NaN])
      expect(() => new Container(env, { capacity: 10, initial })).toThrow(/initial/);
    expect(() => new Container(env, { initial: Number.POSITIVE_INFINITY })).toThrow(/initial/);
    const tank = new Container(env, { capacity: 10, name: 'tank' });
    for (const amount of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => tank.put(amount)).toThrow(/amount/);
      expect(() => tank.get(amount)).toThrow(/amount/);
    }
    expect(() => tank.get(10.5)).toThrow(
      /10.5 is more than the capacity \(10\) of 'tank', so it could never be served/,
    );
    expect(new Container(env).capacity).toBe(Number.POSITIVE_INFINITY);
    expect(new Container(env).level).toBe(0);
  });
});
