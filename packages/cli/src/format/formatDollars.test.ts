import { describe, expect, it } from 'vitest';
import { formatDollars } from './formatDollars.js';

describe('formatDollars', () => {
  it('keeps three significant figures below a dollar, cents from a dollar on', () => {
    expect(formatDollars(0.7239562)).toBe('$0.724');
    expect(formatDollars(0.0123456)).toBe('$0.0123');
    expect(formatDollars(0.000087)).toBe('$0.0000870');
    expect(formatDollars(2.1e-9)).toBe('$0.00000000210');
    expect(formatDollars(0.099996)).toBe('$0.100');
    expect(formatDollars(0.0099996)).toBe('$0.0100');
    expect(formatDollars(1)).toBe('$1.00');
    expect(formatDollars(1234.567)).toBe('$1,234.57');
    expect(formatDollars(0)).toBe('$0.00');
    expect(formatDollars(-0.5)).toBe('-$0.500');
    expect(formatDollars(Number.NaN)).toBe('-');
  });
});
