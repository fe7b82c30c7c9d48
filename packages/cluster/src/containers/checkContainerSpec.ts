import { ConfigError, type ConfigIssue } from '@berth/kernel';
import { MAX_DURATION } from '../quantities/parseDuration.js';
import { MAX_QUANTITY } from '../quantities/parseQuantity.js';
import { describeValue } from '../scenario/describeValue.js';
import { FORBIDDEN_NAMES, LIMITS } from '../scenario/fieldSchemas.js';
import type { ContainerSpec } from './Container.js';

const RESTART_POLICIES: readonly string[] = ['Always', 'OnFailure', 'Never'];
const PROBE_KINDS = ['liveness', 'readiness', 'startup'] as const;

/**
 * Checks a container spec handed to `submit` by hand, with the limits a scenario's containers get:
 * a name, resource vectors of the simulation's length holding finite quantities, durations in range,
 * probe periods of at least 1 ms (0 would probe at one instant forever), a known restart policy.
 * Throws one ConfigError listing every problem by field; a spec built from a scenario passes.
 */
export function checkContainerSpec(spec: unknown, resourceCount: number): asserts spec is ContainerSpec {
  if (typeof spec !== 'object' || spec === null) {
    throw new ConfigError([{ path: '(root)', message: `expected a container spec, got ${typeof spec}` }], 'container');
  }
  // Runs on every `submit` of a streamed run: the checks are module functions writing into one list,
  // not closures made per call (a closure per call costs an allocation and kept V8 deoptimising here).
  const s = spec as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  const name = s.name;
  if (typeof name !== 'string' || name === '' || name.length > LIMITS.nameLength || FORBIDDEN_NAMES.includes(name)) {
    bad(issues, 'name', `expected a name of 1 to ${LIMITS.nameLength} characters, got ${describeValue(name)}`);
  }
  vector(issues, 'requests', s.requests, false, resourceCount);
  vector(issues, 'nonZeroRequests', s.nonZeroRequests, false, resourceCount);
  vector(issues, 'limits', s.limits, true, resourceCount);
  if (!(Number.isInteger(s.priority) && Math.abs(s.priority as number) <= 2_000_000_000)) {
    bad(issues, 'priority', `expected an integer from -2000000000 to 2000000000, got ${describeValue(s.priority)}`);
  }
  for (const key of START_DURATIONS) duration(issues, key, s[key], false, false, 0);
  duration(issues, 'durationMs', s.durationMs, false, true, 0);
  duration(issues, 'preStopMs', s.preStopMs, true, false, 0);
  duration(issues, 'terminationGraceMs', s.terminationGraceMs, true, false, 0);
  for (const key of TEXT_FIELDS)
    if (typeof s[key] !== 'string') bad(issues, key, `expected text, got ${describeValue(s[key])}`);
  for (const key of OPTIONAL_TEXT_FIELDS) {
    if (s[key] !== undefined && typeof s[key] !== 'string')
      bad(issues, key, `expected text or undefined, got ${describeValue(s[key])}`);
  }
  for (const key of RECORD_FIELDS) {
    const record = s[key];
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      bad(issues, key, `expected an object, got ${describeValue(record)}`);
    else
      for (const k in record) {
        // Own enumerable keys only, as Object.entries lists them, without building the list.
        if (!Object.hasOwn(record, k)) continue;
        const v = (record as Record<string, unknown>)[k];
        if (typeof v !== 'string') bad(issues, `${key}.${k}`, `expected text, got ${describeValue(v)}`);
      }
  }
  for (const key of LIST_FIELDS) {
    if (!Array.isArray(s[key])) bad(issues, key, `expected a list, got ${describeValue(s[key])}`);
  }
  if (typeof s.bestEffort !== 'boolean')
    bad(issues, 'bestEffort', `expected true or false, got ${describeValue(s.bestEffort)}`);
  if (!RESTART_POLICIES.includes(s.restartPolicy as string)) {
    bad(
      issues,
      'restartPolicy',
      `expected one of 'Always', 'OnFailure', 'Never', got ${describeValue(s.restartPolicy)}`,
    );
  }
  if (s.revision !== undefined && !(Number.isInteger(s.revision) && (s.revision as number) >= 0)) {
    bad(issues, 'revision', `expected an integer >= 0, got ${describeValue(s.revision)}`);
  }
  const probes = s.probes;
  if (typeof probes !== 'object' || probes === null)
    bad(issues, 'probes', `expected an object, got ${describeValue(probes)}`);
  else {
    for (const kind of PROBE_KINDS) {
      const probe = (probes as Record<string, unknown>)[kind];
      if (probe === undefined) continue;
      if (typeof probe !== 'object' || probe === null) {
        bad(issues, `probes.${kind}`, `expected a probe spec, got ${describeValue(probe)}`);
        continue;
      }
      const p = probe as Record<string, unknown>;
      duration(issues, `probes.${kind}.periodMs`, p.periodMs, false, false, 1);
      duration(issues, `probes.${kind}.timeoutMs`, p.timeoutMs, false, false, 0);
      duration(issues, `probes.${kind}.initialDelayMs`, p.initialDelayMs, false, false, 0);
      for (const key of PROBE_THRESHOLDS) {
        if (!(Number.isInteger(p[key]) && (p[key] as number) >= 1 && (p[key] as number) <= 1000)) {
          bad(issues, `probes.${kind}.${key}`, `expected an integer from 1 to 1000, got ${describeValue(p[key])}`);
        }
      }
    }
  }
  if (issues.length > 0) throw new ConfigError(issues, 'container');
}

const START_DURATIONS = ['pullMs', 'startupMs', 'warmupMs'] as const;
const TEXT_FIELDS = ['image', 'tenant'] as const;
const OPTIONAL_TEXT_FIELDS = ['service', 'job', 'antiAffinityKey', 'pinnedHost'] as const;
const RECORD_FIELDS = ['labels', 'nodeSelector'] as const;
const LIST_FIELDS = ['tolerations', 'affinity', 'preferredAffinity', 'spread'] as const;
const PROBE_THRESHOLDS = ['failureThreshold', 'successThreshold'] as const;

function bad(issues: ConfigIssue[], path: string, message: string): void {
  issues.push({ path, message });
}

function vector(issues: ConfigIssue[], path: string, value: unknown, nullable: boolean, resourceCount: number): void {
  if (nullable && value === null) return;
  if (!(value instanceof Float64Array) || value.length !== resourceCount) {
    bad(
      issues,
      path,
      `expected a Float64Array of ${resourceCount} quantities (one per resource of the simulation)${nullable ? ' or null' : ''}, got ${describeValue(value)}`,
    );
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const q = value[i]!;
    if (!(q >= 0 && q <= MAX_QUANTITY))
      bad(issues, `${path}[${i}]`, `expected a quantity from 0 to ${MAX_QUANTITY}, got ${q}`);
  }
}

function duration(
  issues: ConfigIssue[],
  path: string,
  value: unknown,
  optional: boolean,
  forever: boolean,
  min: number,
): void {
  if (optional && value === undefined) return;
  if (forever && value === Number.POSITIVE_INFINITY) return;
  if (!(typeof value === 'number' && value >= min && value <= MAX_DURATION)) {
    bad(
      issues,
      path,
      `expected ms from ${min} to ${MAX_DURATION}${forever ? ' or Infinity' : ''}, got ${describeValue(value)}`,
    );
  }
}
