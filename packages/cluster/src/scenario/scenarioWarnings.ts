// Warnings about a scenario as written: values Kubernetes would accept that are almost certainly not
// what was meant. Kept apart from the schemas and parseScenario: a warning never stops a scenario
// (unless the caller asks, as `berth --strict` and the `strict` option do), so it is not an issue of
// the parse, and this pass reads the input the schemas have already accepted.
import { type ConfigIssue, formatPath } from '@berth/kernel';
import { quantityWarning } from '../quantities/quantityWarning.js';
import { parsedFrom, scenarioLines } from './parseScenario.js';
import type { Scenario, ScenarioInput } from './scenarioSchema.js';

/** The code of a warning about a quantity (see quantityWarning). */
export const SUSPICIOUS_QUANTITY = 'suspicious_quantity';

/**
 * Warnings about a scenario, each by path like a validation issue
 * (`services.web.template.requests.memory: 512 is 512 bytes; did you mean '512Mi'?`), in the order of
 * the scenario's sections. Pass the scenario as written, or as parseScenario returned it (the input it
 * was parsed from is read). A warning is not an error: the scenario is valid and runs as written.
 * Checked: every resource quantity (hosts' capacity, containers' requests and limits in services,
 * jobs, standalone containers, streams and timed changes, usage curves, autoscaling targets, node
 * groups' and instance types' capacity, request types' and functions' cpu) and images' sizes.
 */
export function scenarioWarnings(scenario: ScenarioInput | Scenario): ConfigIssue[] {
  const input: unknown = parsedFrom(scenario) ?? scenario;
  const out: ConfigIssue[] = [];
  // A scenario parsed from text names the line of each warning, as its validation issues do.
  let lines: ReturnType<typeof scenarioLines> | null = null;
  const check = (resource: string, written: unknown, path: readonly PropertyKey[]) => {
    if (typeof written !== 'number' && typeof written !== 'string') return;
    const message = quantityWarning(resource, written);
    if (message === undefined) return;
    if (lines === null) lines = scenarioLines(scenario);
    const line = lines?.(path);
    const located = line === undefined ? message : `${message} (line ${line})`;
    out.push({ path: formatPath(path), message: located, code: SUSPICIOUS_QUANTITY });
  };
  const resources = (record: unknown, path: readonly PropertyKey[]) => {
    for (const [name, written] of entries(record)) check(name, written, [...path, name]);
  };
  const template = (t: unknown, path: readonly PropertyKey[]) => {
    resources(field(t, 'requests'), [...path, 'requests']);
    resources(field(t, 'limits'), [...path, 'limits']);
  };
  const curve = (c: unknown, resource: string, path: readonly PropertyKey[]) => {
    for (const key of ['value', 'mean', 'initial']) check(resource, field(c, key), [...path, key]);
    for (const [i, step] of items(field(c, 'steps')))
      check(resource, field(step, 'value'), [...path, 'steps', i, 'value']);
  };
  const s = input;
  for (const [i, h] of items(field(s, 'hosts'))) resources(field(h, 'capacity'), ['hosts', i, 'capacity']);
  for (const [name, image] of entries(field(s, 'images')))
    check('image-size', field(image, 'size'), ['images', name, 'size']);
  for (const [name, service] of entries(field(s, 'services'))) {
    const at = ['services', name];
    template(field(service, 'template'), [...at, 'template']);
    const usage = field(service, 'usage');
    for (const resource of ['cpu', 'memory']) curve(field(usage, resource), resource, [...at, 'usage', resource]);
    for (const [i, m] of items(field(field(service, 'autoscaling'), 'metrics'))) {
      const resource = field(m, 'resource');
      if (typeof resource === 'string')
        check(resource, field(m, 'averageValue'), [...at, 'autoscaling', 'metrics', i, 'averageValue']);
    }
  }
  for (const [name, job] of entries(field(s, 'jobs'))) {
    for (const [i, task] of items(field(job, 'tasks'))) template(task, ['jobs', name, 'tasks', i]);
  }
  for (const [i, c] of items(field(s, 'containers'))) template(c, ['containers', i]);
  for (const [i, stream] of items(field(s, 'streams'))) {
    template(field(stream, 'template'), ['streams', i, 'template']);
    for (const [j, size] of items(field(stream, 'sizes')))
      resources(field(size, 'requests'), ['streams', i, 'sizes', j, 'requests']);
  }
  for (const [i, change] of items(field(s, 'changes'))) template(field(change, 'template'), ['changes', i, 'template']);
  for (const [name, type] of entries(field(s, 'requests'))) check('cpu', field(type, 'cpu'), ['requests', name, 'cpu']);
  for (const [i, g] of items(field(s, 'nodeGroups'))) {
    resources(field(field(g, 'template'), 'capacity'), ['nodeGroups', i, 'template', 'capacity']);
  }
  for (const [i, t] of items(field(field(s, 'provisioner'), 'instanceTypes'))) {
    resources(field(t, 'capacity'), ['provisioner', 'instanceTypes', i, 'capacity']);
  }
  for (const [name, fn] of entries(field(field(s, 'functions'), 'definitions'))) {
    check('cpu', field(fn, 'cpu'), ['functions', 'definitions', name, 'cpu']);
  }
  return out;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function entries(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}

/** A list's entries with their indexes; none for anything else. */
function items(value: unknown): IterableIterator<[number, unknown]> | [] {
  return Array.isArray(value) ? (value as unknown[]).entries() : [];
}
