import { parseScenario } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAlibabaBatchTasks } from '../src/alibaba2018/readAlibabaBatchTasks.js';
import { readAlibabaContainerMeta } from '../src/alibaba2018/readAlibabaContainerMeta.js';
import { readAlibabaMachineMeta } from '../src/alibaba2018/readAlibabaMachineMeta.js';
import { readAlibabaGpuNodes } from '../src/alibabaGpu2023/readAlibabaGpuNodes.js';
import { readAlibabaGpuPods } from '../src/alibabaGpu2023/readAlibabaGpuPods.js';
import type { TraceRecord } from '../src/convert/TraceRecord.js';
import { traceToScenario } from '../src/convert/traceToScenario.js';
import type { TraceSource } from '../src/csv/readTraceLines.js';
import type { TraceReader } from '../src/csv/TraceReader.js';
import { readGoogleJobEvents } from '../src/google2011/readGoogleJobEvents.js';
import { readGoogleTaskEvents } from '../src/google2011/readGoogleTaskEvents.js';

// Fuzzing every trace reader (issue 15): rows made of plausible and hostile fields. A reader never
// throws on a row: it yields a record or counts the row as malformed, and the records convert to a
// scenario that parses, or that is refused with every issue by path. BERTH_FUZZ_RUNS sets the cases
// per reader, BERTH_FUZZ_SEED offsets the seeds.

function runs(ci: number): number {
  const env = Number(process.env.BERTH_FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? env : ci;
}
/** A test's time limit: vitest's minute, plus 100 ms a case for long runs. */
function timeout(n: number): number {
  return 60_000 + 100 * n;
}
function seed(literal: number): number {
  const env = Number(process.env.BERTH_FUZZ_SEED);
  return Number.isInteger(env) ? literal + env : literal;
}

type Read = (source: TraceSource) => TraceReader<TraceRecord>;

/** Each reader, its header line (null: none) and its column count. */
const READERS: ReadonlyArray<readonly [string, Read, string | null, number]> = [
  ['google job_events', readGoogleJobEvents as Read, null, 8],
  ['google task_events', readGoogleTaskEvents as Read, null, 13],
  ['alibaba machine_meta', readAlibabaMachineMeta as Read, null, 7],
  ['alibaba container_meta', readAlibabaContainerMeta as Read, null, 8],
  ['alibaba batch_task', readAlibabaBatchTasks as Read, null, 9],
  ['alibaba-gpu nodes', readAlibabaGpuNodes as Read, 'sn,cpu_milli,memory_mib,gpu,model', 5],
  [
    'alibaba-gpu pods',
    readAlibabaGpuPods as Read,
    'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time',
    11,
  ],
];

const field = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('0', '1', '2', '6000', '0.5', '0.0625', '96', '100', '32000', '131072') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      'USING',
      'Terminated',
      'Running',
      'started',
      'LS',
      'BE',
      'j_1',
      'm_1',
      'c_1',
      'T4',
      'M1',
      'R3_2',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '-1',
      '1e400',
      '1e308',
      'NaN',
      'Infinity',
      '0x10',
      '9'.repeat(400),
      '"a,b"',
      '"',
      '""',
      '__proto__',
      'constructor',
      ' 1 ',
      '1,5',
      '\t',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** A line of about `width` fields, sometimes too few or too many, sometimes not CSV at all. */
const lineArb = (width: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(field, { minLength: width, maxLength: width }).map((f) => f.join(',')) },
    { weight: 1, arbitrary: fc.array(field, { minLength: 0, maxLength: width + 3 }).map((f) => f.join(',')) },
    { weight: 1, arbitrary: fc.constantFrom('', '#', '# comment', '\r', ',,,,', 'x'.repeat(5000)) },
  );

async function* linesOf(lines: readonly string[]): AsyncGenerator<string> {
  yield lines.map((l) => `${l}\n`).join('');
}

const hosts = [{ group: 'h', count: 2, capacity: { cpu: '96', memory: '256Gi', gpu: 8 } }];

describe.each(READERS)('the %s reader', (_name, read, header, width) => {
  it(
    'yields a record or counts a malformed row for any line; the records convert to a scenario or a ConfigError by path',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(lineArb(width), { maxLength: 30 }), fc.boolean(), async (lines, ownHosts) => {
          const text = header === null ? lines : [header, ...lines];
          const reader = read(linesOf(text));
          const records = await reader.toArray();
          const report = reader.report;
          expect(report.rows).toBe(records.length);
          expect(report.rows + report.malformed).toBeLessThanOrEqual(report.lines);
          for (const e of report.firstErrors) expect(e.message).toMatch(/^line \d+: /);
          try {
            const scenario = await traceToScenario(records, ownHosts ? {} : { hosts });
            parseScenario(scenario);
          } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
            for (const issue of error.issues) expect(issue.path, issue.message).not.toBe('');
          }
        }),
        { seed: seed(15_100 + width), numRuns: runs(100) },
      );
    },
    timeout(runs(100)),
  );
});
