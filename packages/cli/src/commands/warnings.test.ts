import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/runMain.js';

// memory: 512 is 512 bytes and cpu: 2000 is 2,000 cores, as in a Kubernetes manifest: valid, but
// almost certainly meant as '512Mi' and '2000m'. Each is a warning; --strict makes them errors.
const SUSPICIOUS = [
  'horizon: 2m',
  'hosts:',
  "  - { group: n, count: 2, capacity: { cpu: '4', memory: 8Gi } }",
  'services:',
  '  web:',
  '    replicas: 1',
  '    template: { requests: { cpu: 250m, memory: 512 } }',
  '  api:',
  '    replicas: 1',
  '    template: { requests: { cpu: 2000 } }',
  '',
].join('\n');

const WARNINGS = [
  "warning: suspicious.yaml:7: services.web.template.requests.memory: 512 is 512 bytes; did you mean '512Mi'?\n",
  "warning: suspicious.yaml:10: services.api.template.requests.cpu: 2000 is 2,000 cores, more than any machine has; did you mean '2000m'?\n",
].join('');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-warnings-'));
  writeFileSync(join(dir, 'suspicious.yaml'), SUSPICIOUS);
  writeFileSync(
    join(dir, 'clean.yaml'),
    SUSPICIOUS.replace('memory: 512 ', 'memory: 512Mi ').replace('cpu: 2000', 'cpu: 2000m'),
  );
});

describe('warnings', () => {
  it('validate prints them on stderr and the scenario is valid, exit 0', async () => {
    expect(await runMain(['validate', 'suspicious.yaml'], dir)).toEqual({
      code: 0,
      stdout:
        'suspicious.yaml: valid — 2 hosts, 2 services (2 replicas), 0 jobs (0 tasks), 0 standalone containers; strategy kubernetes\n',
      stderr: WARNINGS,
    });
  });

  it('name their line in a JSON file too', async () => {
    const json = '{\n  "hosts": [{ "name": "a", "capacity": { "cpu": 4, "memory": 512 } }]\n}\n';
    writeFileSync(join(dir, 'suspicious.json'), json);
    expect((await runMain(['validate', 'suspicious.json'], dir)).stderr).toBe(
      "warning: suspicious.json:2: hosts[0].capacity.memory: 512 is 512 bytes; did you mean '512Mi'?\n",
    );
  });

  it('validate --strict lists them as problems, exit 1', async () => {
    expect(await runMain(['validate', 'suspicious.yaml', '--strict'], dir)).toEqual({
      code: 1,
      stdout: WARNINGS.replaceAll('warning: ', ''),
      stderr: 'error: suspicious.yaml: 2 problems\n',
    });
    expect((await runMain(['validate', 'clean.yaml', '--strict'], dir)).code).toBe(0);
  });

  it('run prints them on stderr, --json on stdout stays JSON; --strict refuses to run, exit 1', async () => {
    const json = await runMain(['run', 'suspicious.yaml', '--json'], dir);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(WARNINGS);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    const strict = await runMain(['run', 'suspicious.yaml', '--strict'], dir);
    expect(strict).toEqual({
      code: 1,
      stdout: '',
      stderr: `${WARNINGS.replaceAll('warning: ', 'error: ')}error: suspicious.yaml: 2 warnings, errors with --strict\n`,
    });
    const clean = await runMain(['run', 'clean.yaml', '--strict', '--json'], dir);
    expect(clean).toMatchObject({ code: 0, stderr: '' });
  });

  it('compare and explain print them too, and take --strict', async () => {
    const compare = await runMain(
      ['compare', 'suspicious.yaml', '--strategies', 'kubernetes', '--seeds', '1', '--workers', '0', '--json'],
      dir,
    );
    expect(compare.code).toBe(0);
    expect(compare.stderr).toBe(WARNINGS);
    const explain = await runMain(['explain', 'suspicious.yaml', '--container', 'web-0', '--strict'], dir);
    expect(explain.code).toBe(1);
    expect(explain.stdout).toBe('');
  });
});
