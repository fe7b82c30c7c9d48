import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readGoogleMachineEvents } from './readGoogleMachineEvents.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('readGoogleMachineEvents', () => {
  it('reads the 6 columns, empty capacities as undefined, and counts malformed rows', async () => {
    const reader = readGoogleMachineEvents(fixture('google-machine_events.csv'));
    const events = await reader.toArray();
    expect(events[0]).toEqual({
      kind: 'google-2011.machine_event',
      time: 0,
      machineId: '11',
      eventType: 'ADD',
      platformId: 'platformA',
      cpus: 0.5,
      memory: 0.2493,
    });
    expect(events.map((e) => e.eventType)).toEqual(['ADD', 'ADD', 'ADD', 'ADD', 'REMOVE', 'UPDATE', 'ADD', 'ADD']);
    expect(events[6]).toMatchObject({ machineId: '16', cpus: undefined, memory: undefined });
    // A timestamp 'x' and an event type 3 are rejected, by line.
    expect(reader.report).toMatchObject({ rows: 8, malformed: 2 });
    expect(reader.report.firstErrors.map((e) => e.message)).toEqual([
      "line 8: column 1 (timestamp): expected a number, got 'x'",
      'line 11: column 3 (event_type): expected an integer in 0..2, got 3',
    ]);
  });
});
