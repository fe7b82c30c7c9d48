import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulation, formatDecision } from '@berth/cluster';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from '../../test/runMain.js';

// Three hosts of 2 cpu; `big` (2 cpu) arrives at 0 and takes one; `late` (2 cpu) arrives at 10 s and
// fits nowhere else once `filler`s have taken the other two, so it waits until `big` ends at 60 s.
const SCENARIO = `horizon: 5m
scheduler: { strategy: best-fit }
hosts:
  - { group: n, count: 3, capacity: { cpu: '2', memory: 4Gi } }
containers:
  - { name: big, requests: { cpu: '2' }, duration: 1m }
  - { name: filler-a, requests: { cpu: '2' } }
  - { name: filler-b, requests: { cpu: '2' } }
  - { name: late, at: 10s, requests: { cpu: '2' } }
  - { name: pinned, host: n-0, requests: { cpu: 100m }, at: 2m }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-explain-'));
  writeFileSync(join(dir, 's.yaml'), SCENARIO);
});

function decisions(name: string) {
  const sim = createSimulation(parse(SCENARIO), { explain: [name] });
  sim.run();
  return sim.decisions(name);
}

describe('berth explain', () => {
  it('prints the last attempt by default, as formatDecision does', async () => {
    const all = decisions('late');
    expect(all.length).toBeGreaterThan(1);
    const result = await runMain(['explain', 's.yaml', '--container', 'late'], dir);
    expect(result).toEqual({
      code: 0,
      stdout: `Attempt ${all.length} of ${all.length}:\n${formatDecision(all.at(-1)!)}`,
      stderr: '',
    });
    expect(all.at(-1)!.winner).not.toBeNull();
  });

  it('picks the attempt at or before --at', async () => {
    const result = await runMain(['explain', 's.yaml', '--container', 'late', '--at', '10s'], dir);
    const first = decisions('late')[0]!;
    expect(first.at).toBe(10_000);
    expect(first.winner).toBeNull();
    expect(result.stdout).toBe(`Attempt 1 of ${decisions('late').length}:\n${formatDecision(first)}`);
    expect(result.stdout).toContain('0/3 hosts are available: 3 ');
  });

  it('prints the decision record with --json', async () => {
    const result = await runMain(['explain', 's.yaml', '--container', 'big', '--json'], dir);
    const all = decisions('big');
    expect(JSON.parse(result.stdout)).toEqual({
      attempt: 1,
      attempts: 1,
      decision: JSON.parse(JSON.stringify(all[0])),
    });
  });

  it.each([
    [['--container', 'ghost'], "error: --container: no container named 'ghost' was created by 5m\n"],
    [
      ['--container', 'pinned'],
      "error: --container: 'pinned' never went through the scheduler (it is pinned to a host)\n",
    ],
    [
      ['--container', 'late', '--at', '5s'],
      "error: --at: 'late' had no placement attempt at or before 5 s; its first was at 10 s\n",
    ],
    [['--at', '5s'], "error: required option '--container <name>' not specified\n"],
  ])('fails with one line for %j, exit 1', async (options, message) => {
    expect(await runMain(['explain', 's.yaml', ...options], dir)).toEqual({ code: 1, stdout: '', stderr: message });
  });
});
