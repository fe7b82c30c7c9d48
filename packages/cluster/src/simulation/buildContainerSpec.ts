import type { ContainerSpec } from '../containers/Container.js';
import type { ProbeSet, ProbeSpec } from '../containers/Probe.js';
import { type GpuRequest, gpuAmount, MILLI_PER_DEVICE } from '../gpu/GpuRequest.js';
import { CPU, GPU, MEMORY, type ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { ContainerTemplate } from '../scenario/scenarioSchema.js';
import type { NomadPlacement } from '../scheduler/NomadPlacement.js';
import { nomadAttributeKey } from '../scheduler/nomadAttributes.js';
import type { PodAffinityRules, PodAffinityTerm } from '../scheduler/PodAffinityTerm.js';

/** kube-scheduler's DefaultMilliCPURequest: 100m for a container with no cpu request. */
export const DEFAULT_CPU_REQUEST = 100;
/** kube-scheduler's DefaultMemoryRequest: 200 MiB for a container with no memory request. */
export const DEFAULT_MEMORY_REQUEST = 200;

/** Images known to the scenario: pull time (ms) and size (MiB). */
export type ImageCatalog = ReadonlyMap<string, { readonly pullTime: number; readonly size: number }>;

/** Turns a parsed template into a container spec in vector form. */
export function buildContainerSpec(
  name: string,
  template: ContainerTemplate,
  resources: ResourceCatalog,
  images: ImageCatalog,
  owner: {
    readonly service?: string | undefined;
    readonly job?: string | undefined;
    readonly host?: string | undefined;
  },
): ContainerSpec {
  const requests = resources.fromRecord(template.requests);
  const gpu: GpuRequest | undefined =
    template.gpu === undefined
      ? undefined
      : { milli: template.gpu.milli ?? MILLI_PER_DEVICE, count: template.gpu.count ?? 1, models: template.gpu.models };
  // The device request counts as its amount of the gpu resource, so that capacity indexes see it.
  if (gpu !== undefined) requests[GPU] = gpuAmount(gpu);
  const nonZero = Float64Array.from(requests);
  const hasCpu = template.requests.cpu !== undefined;
  const hasMemory = template.requests.memory !== undefined;
  // A missing request counts as 100m / 200Mi in scoring; an explicit 0 stays 0 (pkg/scheduler/util).
  if (!hasCpu) nonZero[CPU] = DEFAULT_CPU_REQUEST;
  if (!hasMemory) nonZero[MEMORY] = DEFAULT_MEMORY_REQUEST;
  return {
    name,
    requests,
    nonZeroRequests: nonZero,
    limits: template.limits === undefined ? null : resources.fromRecord(template.limits),
    priority: template.priority,
    labels: template.labels,
    image: template.image,
    pullMs: images.get(template.image)?.pullTime ?? 0,
    startupMs: template.startup,
    durationMs: template.duration,
    service: owner.service,
    job: owner.job,
    tenant: template.tenant,
    tolerations: template.tolerations,
    nodeSelector: template.nodeSelector,
    affinity: template.affinity.required,
    preferredAffinity: template.affinity.preferred,
    antiAffinityKey: template.antiAffinity,
    spread: template.spread,
    pinnedHost: owner.host,
    bestEffort: (requests[CPU] ?? 0) === 0 && (requests[MEMORY] ?? 0) === 0 && template.limits === undefined,
    probes: probeSet(template.probes),
    warmupMs: template.warmup,
    preStopMs: template.preStop,
    terminationGraceMs: template.terminationGracePeriod,
    // Kubernetes: Deployments' pods restart Always; Job pods are usually Never (the Job controller
    // retries them); a bare pod defaults to Always, which for work that ends means OnFailure here.
    gpu,
    podAffinity: podAffinityRules(template.podAffinity, template.tenant),
    podAntiAffinity: podAffinityRules(template.podAntiAffinity, template.tenant),
    nomad: nomadPlacement(template.nomad),
    preferences:
      template.placementPreferences.length === 0
        ? undefined
        : template.placementPreferences.map((p) => p.spread.slice('node.labels.'.length)),
    restartPolicy:
      template.restartPolicy ??
      (owner.service !== undefined ? 'Always' : owner.job !== undefined ? 'Never' : 'OnFailure'),
  };
}

/** A template's pod (anti-)affinity with each term's tenants resolved (its own when it lists none); undefined when absent or empty. */
function podAffinityRules(rules: ContainerTemplate['podAffinity'], tenant: string): PodAffinityRules | undefined {
  if (rules === undefined || (rules.required.length === 0 && rules.preferred.length === 0)) return undefined;
  const term = (t: (typeof rules.required)[number]): PodAffinityTerm => ({
    selector: { matchLabels: t.labelSelector.matchLabels, matchExpressions: t.labelSelector.matchExpressions },
    topologyKey: t.topologyKey,
    namespaces: t.namespaces ?? [tenant],
  });
  return {
    required: rules.required.map(term),
    preferred: rules.preferred.map((p) => ({ weight: p.weight, term: term(p.term) })),
  };
}

/** A template's Nomad blocks with attributes resolved to host label keys; undefined when absent or empty. */
function nomadPlacement(blocks: ContainerTemplate['nomad']): NomadPlacement | undefined {
  if (blocks === undefined || (blocks.affinities.length === 0 && blocks.spreads.length === 0)) return undefined;
  return {
    affinities: blocks.affinities.map((a) => ({
      key: nomadAttributeKey(a.attribute)!,
      operator: a.operator,
      value: a.value,
      weight: a.weight,
    })),
    spreads: blocks.spreads.map((s) => ({
      key: nomadAttributeKey(s.attribute)!,
      weight: s.weight,
      targets: s.targets,
    })),
  };
}

/** Probe timings in the simulation's form. */
function probeSet(probes: ContainerTemplate['probes']): ProbeSet {
  const out: { liveness?: ProbeSpec; readiness?: ProbeSpec; startup?: ProbeSpec } = {};
  for (const kind of ['liveness', 'readiness', 'startup'] as const) {
    const p = probes[kind];
    if (p === undefined) continue;
    out[kind] = {
      periodMs: p.period,
      timeoutMs: p.timeout,
      initialDelayMs: p.initialDelay,
      failureThreshold: p.failureThreshold,
      successThreshold: p.successThreshold,
    };
  }
  return out;
}
