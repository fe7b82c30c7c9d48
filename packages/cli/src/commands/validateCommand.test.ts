import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/runMain.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-validate-'));
  writeFileSync(
    join(dir, 'good.yaml'),
    "hosts:\n  - { group: n, count: 3, capacity: { cpu: '2', memory: 4Gi } }\nservices:\n  web: { replicas: 2, template: {} }\n",
  );
  writeFileSync(
    join(dir, 'bad.yaml'),
    [
      'hosts:',
      '  - group: n',
      '    capacity: { cpu: two, memory: 4Gi }',
      '    colour: blue',
      'services:',
      '  web:',
      '    replicas: -1',
      '    template: { requests: { cpu: 1 } }',
      '',
    ].join('\n'),
  );
  const hosts = "hosts:\n  - { name: a, capacity: { cpu: '1', memory: 1Gi } }\n";
  writeFileSync(
    join(dir, 'deep.yaml'),
    `${hosts}x:\n${Array.from({ length: 900 }, (_, i) => `${'  '.repeat(i)}-`).join('\n')} 1\n`,
  );
  writeFileSync(join(dir, 'deep.json'), `{"hosts": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
  writeFileSync(join(dir, 'syntax.yaml'), 'hosts:\n  - group: n\n  - group: n\n hosts: []\n');
  writeFileSync(
    join(dir, 'everything.yaml'),
    [
      'scheduler:',
      '  strategy: best-fti',
      'hosts:',
      '  - group: n',
      '    count: 3',
      "    capacity: { cpu: '4', memory: 16Gi, fpga: 1 }",
      'services:',
      '  web:',
      '    replicas: 2',
      '    rollout: { maxSurge: 0, maxUnavailable: 0 }',
      "    template: { requests: { cpu: '500m', memroy: 1Gi } }",
      '  api:',
      '    replicas: lots',
      '    template: {}',
      'faults:',
      '  - { kind: host-crash, at: 1m, host: n-3 }',
      '  - { kind: partition, at: 1x, host: n-1 }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'dup.json'),
    '{"hosts": [{"name": "a", "capacity": {"cpu": "1", "memory": "1Gi"}}],\n "seed": 1,\n "seed": 2}\n',
  );
  writeFileSync(
    join(dir, 'strategy.json'),
    JSON.stringify({ scheduler: { strategy: 'nope' }, hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }] }),
  );
});

describe('berth validate', () => {
  it('says what a valid scenario holds, exit 0', async () => {
    expect(await runMain(['validate', 'good.yaml'], dir)).toEqual({
      code: 0,
      stdout:
        'good.yaml: valid — 3 hosts, 1 service (2 replicas), 0 jobs (0 tasks), 0 standalone containers; strategy kubernetes\n',
      stderr: '',
    });
  });

  it('lists every problem by line and path, exit 1', async () => {
    expect(await runMain(['validate', 'bad.yaml'], dir)).toEqual({
      code: 1,
      stdout: [
        "bad.yaml:3: hosts[0].capacity.cpu: expected a quantity such as '500m' or '2', got 'two'",
        "bad.yaml:4: hosts[0].colour: unknown key 'colour'; expected one of: group, name, count, capacity, gpus, maxContainers, labels, taints, hourlyCost",
        'bad.yaml:7: services.web.replicas: expected an integer from 0 to 1000000, got -1',
        '',
      ].join('\n'),
      stderr: 'error: bad.yaml: 3 problems\n',
    });
  });

  it('locates a YAML syntax error by line and column', async () => {
    expect(await runMain(['validate', 'syntax.yaml'], dir)).toEqual({
      code: 1,
      stdout:
        'syntax.yaml:4:1: All mapping items must start at the same column\nsyntax.yaml:4:2: hosts: duplicate key (first at line 1); keys must be unique\n',
      stderr: 'error: syntax.yaml: 2 problems\n',
    });
  });

  it('reports every problem in one pass: each part, the rules between parts and the names a run reads', async () => {
    const result = await runMain(['validate', 'everything.yaml'], dir);
    const declare = (name: string) =>
      `declare extended resources in the scenario's extendedResources (extendedResources: [${name}]), or name them as Kubernetes does ('example.com/${name}')`;
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^everything\.yaml:2: scheduler\.strategy: unknown strategy 'best-fti' \(did you mean 'best-fit'\?\); known: kubernetes, /,
      ),
      `everything.yaml:6: hosts[0].capacity.fpga: unknown resource 'fpga': ${declare('fpga')}`,
      'everything.yaml:10: services.web.rollout.maxUnavailable: maxUnavailable may not be 0 when maxSurge is 0: the rollout could neither add nor remove a replica',
      `everything.yaml:11: services.web.template.requests.memroy: unknown resource 'memroy'; did you mean 'memory'? Or ${declare('memroy')}`,
      "everything.yaml:13: services.api.replicas: expected an integer from 0 to 1000000, got 'lots'",
      "everything.yaml:16: faults[0].host: no host named 'n-3' (did you mean 'n-0'?)",
      "everything.yaml:17: faults[1].at: expected a duration such as '250ms', '10s', '5m' or '2h', got '1x'",
      '',
    ]);
    expect(result).toMatchObject({ code: 1, stderr: 'error: everything.yaml: 7 problems\n' });
  });

  it('refuses a key given twice in JSON, which JSON.parse would let pass', async () => {
    expect(await runMain(['validate', 'dup.json'], dir)).toEqual({
      code: 1,
      stdout: 'dup.json:3:2: seed: duplicate key (first at line 2); keys must be unique\n',
      stderr: 'error: dup.json: 1 problem\n',
    });
  });

  it('checks names the schema cannot, such as the strategy', async () => {
    const result = await runMain(['validate', 'strategy.json'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^strategy\.json:1: scheduler\.strategy: unknown strategy 'nope'; known: kubernetes, /,
    );
  });

  // Issue 15: YAML 900 deep aborted the process in the pretty-error re-parse; JSON 10,000 deep was an internal error.
  it('refuses input nested too deep by line, exit 1', async () => {
    for (const [file, line] of [
      ['deep.yaml', 67],
      ['deep.json', 1],
    ] as const) {
      expect(await runMain(['validate', file], dir)).toEqual({
        code: 1,
        stdout: `${file}: lists and objects are nested more than 64 deep here (line ${line}); a scenario needs far fewer levels\n`,
        stderr: `error: ${file}: 1 problem\n`,
      });
    }
  });

  it('fails on a missing file with one line', async () => {
    expect(await runMain(['validate', 'nope.yaml'], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: nope.yaml: cannot read: no such file\n',
    });
  });
});
