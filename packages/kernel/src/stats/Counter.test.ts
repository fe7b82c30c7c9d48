import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { Counter } from './Counter.js';

describe('Counter', () => {
  it('adds 1 by default and any non-negative amount when given', () => {
    const c = new Counter('requests');
    c.add();
    c.add();
    c.add(2.5);
    expect(c.name).toBe('requests');
    expect(c.value).toBe(4.5);
  });

  it('reset sets the total back to 0', () => {
    const c = new Counter();
    c.add(7);
    c.reset();
    expect(c.value).toBe(0);
    expect(c.name).toBe('');
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('rejects add(%s), naming the argument', (n) => {
    const c = new Counter('x');
    expect(() => c.add(n)).toThrow(ConfigError);
    expect(() => c.add(n)).toThrow(/→ at n/);
    expect(c.value).toBe(0);
  });
});
