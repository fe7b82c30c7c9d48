import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readGoogleJobEvents } from './readGoogleJobEvents.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('readGoogleJobEvents', () => {
  it('reads job events; 2^63 - 1 ("after the trace") becomes Infinity', async () => {
    const reader = readGoogleJobEvents(fixture('google-job_events.csv'));
    const events = await reader.toArray();
    expect(events[0]).toEqual({
      kind: 'google-2011.job_event',
      time: 0,
      missingInfo: undefined,
      jobId: '6000',
      eventType: 'SUBMIT',
      user: 'userA',
      schedulingClass: 2,
      jobName: 'jobNameA',
      logicalJobName: 'logicalA',
    });
    expect(events.at(-1)).toMatchObject({ jobId: '9100', time: Number.POSITIVE_INFINITY });
    expect(reader.report).toMatchObject({ rows: 8, malformed: 2 });
    expect(reader.report.firstErrors.map((e) => [e.line, e.field, e.reason])).toEqual([
      [8, 'event_type', 'expected an integer in 0..8, got 12'],
      [9, 'scheduling_class', 'expected an integer in 0..3, got 5'],
    ]);
  });
});
