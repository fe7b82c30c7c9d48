import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runScenario } from '../run/runScenario.js';
import { formatAvailability } from './formatAvailability.js';

const zoneOutage = parse(
  readFileSync(fileURLToPath(new URL('../../../../docs/scenarios/zone-outage.yaml', import.meta.url)), 'utf8'),
);

describe('formatAvailability', () => {
  it('shows a zone outage: the service’s outage and recovery, the crashed group’s failures and repair', () => {
    const lines = formatAvailability(runScenario(zoneOutage).availability).split('\n');
    // Zone a (2 hosts, 3 of the 9 replicas) crashes at 10m for 20m. Kubernetes notices after 50 s and evicts
    // 300 s later; the replacements start at once elsewhere: one outage of 5m 50s, so every replica is up
    // for 1 − 350 s / 3600 s = 90.3% of the hour, and at least one all along.
    expect(lines.find((l) => l.startsWith('api'))).toMatch(/^api +90\.3% +100\.0% +1 +5m 50s +5m 50s +- +3 +3 +3 +0$/);
    // Both hosts of group a crash once and are repaired after 20m: down a third of the hour.
    expect(lines.find((l) => l.startsWith('a '))).toMatch(/^a +2 +2 +0 +20m +50 s +66\.7%$/);
    expect(lines.find((l) => l.startsWith('b '))).toMatch(/^b +2 +0 +0 +- +- +100\.0%$/);
  });

  it('says so when no host failed, and is empty without services or hosts', () => {
    const calm = runScenario({
      hosts: [{ group: 'n', count: 1, capacity: { cpu: '4', memory: '8Gi' } }],
      services: { web: { replicas: 1, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    });
    expect(formatAvailability(calm.availability)).toContain('\nNo host crashed or was partitioned.\n');
    expect(formatAvailability({ window: { from: 0, to: 1 }, services: {}, hostGroups: {}, rollouts: [] })).toBe('');
  });
});
