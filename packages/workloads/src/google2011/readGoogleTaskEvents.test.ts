import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readGoogleTaskEvents } from './readGoogleTaskEvents.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('readGoogleTaskEvents', () => {
  it('reads the 13 columns, empty requests as undefined', async () => {
    const events = await readGoogleTaskEvents(fixture('google-task_events.csv')).toArray();
    expect(events[0]).toEqual({
      kind: 'google-2011.task_event',
      time: 0,
      missingInfo: undefined,
      jobId: '6000',
      taskIndex: 0,
      machineId: undefined,
      eventType: 'SUBMIT',
      user: 'userA',
      schedulingClass: 2,
      priority: 9,
      cpuRequest: 0.0625,
      memoryRequest: 0.0312,
      diskRequest: 0.0001,
      differentMachine: false,
    });
    expect(events[3]).toMatchObject({ time: 1_000_000, machineId: '12', eventType: 'SCHEDULE', cpuRequest: undefined });
    expect(events.map((e) => e.eventType).filter((t) => t !== 'SUBMIT' && t !== 'SCHEDULE')).toEqual([
      'FINISH',
      'EVICT',
      'FINISH',
      'KILL',
    ]);
  });

  it('counts malformed rows with line, column and reason, gzipped or not', async () => {
    for (const name of ['google-task_events.csv', 'google-task_events.csv.gz']) {
      const reader = readGoogleTaskEvents(fixture(name));
      await reader.toArray();
      expect(reader.report).toMatchObject({ rows: 12, malformed: 4, lines: 17 });
      expect(reader.report.firstErrors.map((e) => e.message)).toEqual([
        "line 9: column 1 (timestamp): expected a number, got 'x'",
        "line 13: column 11 (memory_request): expected a number, got 'x'",
        'line 14: column 6 (event_type): expected an integer in 0..8, got 9',
        'line 15: expected 13 columns, got 3',
      ]);
    }
  });
});
