import { ConfigError, type ConfigIssue, formatPath } from '@berth/kernel';
import type { ContainerSpec } from '../containers/Container.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { validate } from '../scenario/parseScenario.js';
import {
  type ContainerTemplate,
  type ContainerTemplateInput,
  containerTemplateSchema,
  type Scenario,
} from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from './buildContainerSpec.js';

/** What a template needs from the simulation it is for: its resources and its images. */
export interface TemplateTarget {
  readonly resources: ResourceCatalog;
  readonly scenario: Pick<Scenario, 'images'>;
}

/** Per-container changes of a compiled template: what a workload varies from one task to the next. */
export interface SpecOverrides {
  /** Run time once running, ms (Infinity: until stopped). */
  readonly durationMs?: number | undefined;
  /** Requests in the simulation's units (cpu in millicores, memory in MiB), replacing the template's. */
  readonly requests?: Readonly<Record<string, number>> | undefined;
  readonly priority?: number | undefined;
  /** Time from image ready to running, ms, replacing the template's `startup` (a start-up time drawn per container). */
  readonly startupMs?: number | undefined;
}

/**
 * A container template validated once against a simulation: {@link CompiledTemplate.spec} then makes
 * the specs `sim.submit` takes, as fast as a hot loop needs (no validation per container).
 */
export interface CompiledTemplate {
  readonly template: ContainerTemplate;
  /** A spec named `name` from the template, with `overrides` applied (checked: a bad one throws a ConfigError). */
  spec(name: string, overrides?: SpecOverrides): ContainerSpec;
}

/**
 * Validates a container template written as in a scenario (`{ requests: { cpu: '500m' }, duration:
 * '2m' }`) against the simulation it is for, like the scenario's own templates, and returns a maker of
 * container specs: `sim.submit(compileTemplate(sim, t).spec('batch-0'))`. A bad template throws one
 * ConfigError listing every issue by path (`at` is prepended: `template.requests.cpu: ...`); so does a
 * resource the simulation's hosts do not have. The containers are standalone (no service, no job).
 */
export function compileTemplate(
  target: TemplateTarget,
  template: ContainerTemplateInput,
  at: readonly PropertyKey[] = ['template'],
): CompiledTemplate {
  const result = validate(containerTemplateSchema, template, at);
  if (!result.ok) throw new ConfigError(result.issues, 'container template');
  const parsed = result.value;
  const issues: ConfigIssue[] = [];
  for (const part of ['requests', 'limits'] as const) {
    for (const name of Object.keys(parsed[part] ?? {})) {
      if (target.resources.indexOf(name) < 0) issues.push(unknownResource(target.resources, [...at, part, name], name));
    }
  }
  if (issues.length > 0) throw new ConfigError(issues, 'container template');
  return compileParsedTemplate(target, parsed);
}

/** @internal {@link compileTemplate} for a template already parsed (a scenario's own). */
export function compileParsedTemplate(target: TemplateTarget, parsed: ContainerTemplate): CompiledTemplate {
  const images = new Map(Object.entries(target.scenario.images));
  const base = buildContainerSpec('template', parsed, target.resources, images, {});
  const { resources } = target;
  return {
    template: parsed,
    spec(name, overrides) {
      if (typeof name !== 'string' || name === '') {
        throw new ConfigError([{ path: 'name', message: 'expected a non-empty container name' }], 'container');
      }
      if (overrides === undefined) return { ...base, name };
      let spec: ContainerSpec = { ...base, name };
      if (overrides.durationMs !== undefined) {
        const d = overrides.durationMs;
        if (!(d >= 0)) throw overrideError('durationMs', `expected a duration >= 0 ms, got ${d}`);
        spec = { ...spec, durationMs: d };
      }
      if (overrides.startupMs !== undefined) {
        const d = overrides.startupMs;
        if (!(d >= 0 && d < Number.POSITIVE_INFINITY))
          throw overrideError('startupMs', `expected a finite duration >= 0 ms, got ${d}`);
        spec = { ...spec, startupMs: d };
      }
      if (overrides.priority !== undefined) {
        if (!Number.isInteger(overrides.priority))
          throw overrideError('priority', `expected an integer, got ${overrides.priority}`);
        spec = { ...spec, priority: overrides.priority };
      }
      if (overrides.requests !== undefined) {
        const record = overrides.requests;
        for (const [resource, amount] of Object.entries(record)) {
          if (resources.indexOf(resource) < 0)
            throw new ConfigError([unknownResource(resources, ['requests', resource], resource)], 'container');
          if (!(amount >= 0 && Number.isFinite(amount)))
            throw overrideError(`requests.${resource}`, `expected a finite amount >= 0, got ${amount}`);
        }
        const merged = { ...parsed, requests: { ...parsed.requests, ...record } };
        const built = buildContainerSpec(name, merged, resources, images, {});
        spec = {
          ...spec,
          requests: built.requests,
          nonZeroRequests: built.nonZeroRequests,
          bestEffort: built.bestEffort,
        };
      }
      return spec;
    },
  };
}

/**
 * One container spec from a template written as in a scenario, validated (see {@link compileTemplate});
 * for many containers of one template, compile it once instead.
 */
export function createContainerSpec(
  target: TemplateTarget,
  name: string,
  template: ContainerTemplateInput,
  overrides?: SpecOverrides,
): ContainerSpec {
  return compileTemplate(target, template).spec(name, overrides);
}

function unknownResource(resources: ResourceCatalog, path: readonly PropertyKey[], name: string): ConfigIssue {
  return {
    path: formatPath(path),
    message: `unknown resource '${name}': the simulation's hosts have ${resources.names.join(', ')}`,
    code: 'custom',
  };
}

function overrideError(field: string, message: string): ConfigError {
  return new ConfigError([{ path: field, message, code: 'invalid_argument' }], 'container');
}
