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
  const s = spec as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });
  const name = s.name;
  if (typeof name !== 'string' || name === '' || name.length > LIMITS.nameLength || FORBIDDEN_NAMES.includes(name)) {
    bad('name', `expected a name of 1 to ${LIMITS.nameLength} characters, got ${describeValue(name)}`);
  }
  vector('requests', s.requests, false);
  vector('nonZeroRequests', s.nonZeroRequests, false);
  vector('limits', s.limits, true);
  if (!(Number.isInteger(s.priority) && Math.abs(s.priority as number) <= 2_000_000_000)) {
    bad('priority', `expected an integer from -2000000000 to 2000000000, got ${describeValue(s.priority)}`);
  }
  for (const key of ['pullMs', 'startupMs', 'warmupMs'] as const) duration(key, s[key], false, false);
  duration('durationMs', s.durationMs, false, true);
  duration('preStopMs', s.preStopMs, true, false);
  duration('terminationGraceMs', s.terminationGraceMs, true, false);
  for (const key of ['image', 'tenant'] as const)
    if (typeof s[key] !== 'string') bad(key, `expected text, got ${describeValue(s[key])}`);
  for (const key of ['service', 'job', 'antiAffinityKey', 'pinnedHost'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'string')
      bad(key, `expected text or undefined, got ${describeValue(s[key])}`);
  }
  for (const key of ['labels', 'nodeSelector'] as const) {
    const record = s[key];
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      bad(key, `expected an object, got ${describeValue(record)}`);
    else
      for (const [k, v] of Object.entries(record))
        if (typeof v !== 'string') bad(`${key}.${k}`, `expected text, got ${describeValue(v)}`);
  }
  for (const key of ['tolerations', 'affinity', 'preferredAffinity', 'spread'] as const) {
    if (!Array.isArray(s[key])) bad(key, `expected a list, got ${describeValue(s[key])}`);
  }
  if (typeof s.bestEffort !== 'boolean')
    bad('bestEffort', `expected true or false, got ${describeValue(s.bestEffort)}`);
  if (!RESTART_POLICIES.includes(s.restartPolicy as string)) {
    bad('restartPolicy', `expected one of 'Always', 'OnFailure', 'Never', got ${describeValue(s.restartPolicy)}`);
  }
  if (s.revision !== undefined && !(Number.isInteger(s.revision) && (s.revision as number) >= 0)) {
    bad('revision', `expected an integer >= 0, got ${describeValue(s.revision)}`);
  }
  const probes = s.probes;
  if (typeof probes !== 'object' || probes === null) bad('probes', `expected an object, got ${describeValue(probes)}`);
  else {
    for (const kind of PROBE_KINDS) {
      const probe = (probes as Record<string, unknown>)[kind];
      if (probe === undefined) continue;
      if (typeof probe !== 'object' || probe === null) {
        bad(`probes.${kind}`, `expected a probe spec, got ${describeValue(probe)}`);
        continue;
      }
      const p = probe as Record<string, unknown>;
      duration(`probes.${kind}.periodMs`, p.periodMs, false, false, 1);
      duration(`probes.${kind}.timeoutMs`, p.timeoutMs, false, false);
      duration(`probes.${kind}.initialDelayMs`, p.initialDelayMs, false, false);
      for (const key of ['failureThreshold', 'successThreshold'] as const) {
        if (!(Number.isInteger(p[key]) && (p[key] as number) >= 1 && (p[key] as number) <= 1000)) {
          bad(`probes.${kind}.${key}`, `expected an integer from 1 to 1000, got ${describeValue(p[key])}`);
        }
      }
    }
  }
  if (issues.length > 0) throw new ConfigError(issues, 'container');

  function vector(path: string, value: unknown, nullable: boolean): void {
    if (nullable && value === null) return;
    if (!(value instanceof Float64Array) || value.length !== resourceCount) {
      bad(
        path,
        `expected a Float64Array of ${resourceCount} quantities (one per resource of the simulation)${nullable ? ' or null' : ''}, got ${describeValue(value)}`,
      );
      return;
    }
    value.forEach((q, i) => {
      if (!(q >= 0 && q <= MAX_QUANTITY))
        bad(`${path}[${i}]`, `expected a quantity from 0 to ${MAX_QUANTITY}, got ${q}`);
    });
  }

  function duration(path: string, value: unknown, optional: boolean, forever: boolean, min = 0): void {
    if (optional && value === undefined) return;
    if (forever && value === Number.POSITIVE_INFINITY) return;
    if (!(typeof value === 'number' && value >= min && value <= MAX_DURATION)) {
      bad(
        path,
        `expected ms from ${min} to ${MAX_DURATION}${forever ? ' or Infinity' : ''}, got ${describeValue(value)}`,
      );
    }
  }
}
