import { describe, expect, it } from 'vitest';
import { failureOwner, MAX_FAILURES, MONITOR_FAILURES_MS, TaskFailures } from './TaskFailures.js';

describe('TaskFailures (SwarmKit recentFailures)', () => {
  it("uses SwarmKit's constants: 5 failures within 5 minutes", () => {
    expect(MAX_FAILURES).toBe(5);
    expect(MONITOR_FAILURES_MS).toBe(300_000);
  });

  it('counts failures no more than 5 minutes old, per host and owner', () => {
    const book = new TaskFailures();
    expect(book.empty).toBe(true);
    for (const at of [0, 1000, 2000]) book.record(0, 'service:web#0', at);
    book.record(1, 'service:web#0', 500);
    book.record(0, 'service:web#1', 500);
    expect(book.empty).toBe(false);
    expect(book.count(0, 'service:web#0', 2000)).toBe(3);
    // Exactly 5 minutes after the first failure it still counts (countRecentFailures drops only older ones).
    expect(book.count(0, 'service:web#0', 300_000)).toBe(3);
    expect(book.count(0, 'service:web#0', 300_001)).toBe(2);
    expect(book.count(0, 'service:web#0', 302_001)).toBe(0);
    expect(book.count(1, 'service:web#0', 2000)).toBe(1);
    expect(book.count(0, 'service:web#1', 2000)).toBe(1);
    expect(book.count(2, 'service:web#0', 2000)).toBe(0);
  });

  it('drops expired failures when a new one is recorded', () => {
    const book = new TaskFailures();
    book.record(0, 'job:batch', 0);
    book.record(0, 'job:batch', 400_000);
    expect(book.count(0, 'job:batch', 400_000)).toBe(1);
  });

  it('books a service by revision, a job by name, a lone container not at all', () => {
    expect(failureOwner({ service: 'web', revision: 2 })).toBe('service:web#2');
    expect(failureOwner({ service: undefined, job: 'batch' })).toBe('job:batch');
    expect(failureOwner({ service: undefined })).toBeUndefined();
  });
});
