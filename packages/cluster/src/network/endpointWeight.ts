import type { Container } from '../containers/Container.js';

/** A weight for the replicas whose labels, and whose host's labels, include the given ones. */
export interface EndpointWeightRule {
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly hostLabels?: Readonly<Record<string, string>> | undefined;
  readonly weight: number;
}

/**
 * A replica's endpoint weight: that of the first rule it matches, else 1 (the weight kube-proxy gives
 * every IPVS real server, and an Envoy endpoint's `load_balancing_weight` unless its control plane sets
 * one). Weighted policies spread requests in proportion; a mesh's per-version weights (a canary at
 * 1 in 10) or bigger hosts' replicas taking more are the usual reasons to set them.
 */
export function endpointWeight(rules: readonly EndpointWeightRule[], container: Container): number {
  for (const rule of rules) {
    if (rule.labels !== undefined && !includes(container.labels, rule.labels)) continue;
    if (rule.hostLabels !== undefined && (container.host === null || !includes(container.host.labels, rule.hostLabels)))
      continue;
    return rule.weight;
  }
  return 1;
}

function includes(labels: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>): boolean {
  for (const key of Object.keys(wanted)) if (!Object.hasOwn(labels, key) || labels[key] !== wanted[key]) return false;
  return true;
}
