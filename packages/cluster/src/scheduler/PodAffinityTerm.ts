import { type LabelRequirement, matchesRequirement } from './LabelRequirement.js';

/** Kubernetes' LabelSelector over container labels: every `matchLabels` pair and every expression must hold. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Operators In, NotIn, Exists, DoesNotExist (a label selector has no Gt/Lt). */
  readonly matchExpressions: readonly LabelRequirement[];
}

/**
 * Kubernetes' PodAffinityTerm: the containers its selector matches, in the listed tenants (Berth's
 * tenants play Kubernetes' namespaces), counted per value of the host label `topologyKey`
 * (`hostname`: each host alone). `namespaces` is already resolved: a term that lists none means the
 * tenant of the container that carries it, as in Kubernetes.
 */
export interface PodAffinityTerm {
  readonly selector: LabelSelector;
  readonly topologyKey: string;
  readonly namespaces: readonly string[];
}

/** A preferred term with its weight (1..100), as Kubernetes' WeightedPodAffinityTerm. */
export interface WeightedPodAffinityTerm {
  readonly weight: number;
  readonly term: PodAffinityTerm;
}

/** The required (filter) and preferred (score) terms of a pod affinity or anti-affinity. */
export interface PodAffinityRules {
  readonly required: readonly PodAffinityTerm[];
  readonly preferred: readonly WeightedPodAffinityTerm[];
}

/** What a term is matched against: a container's labels and tenant. */
export interface LabelledContainer {
  readonly labels: Readonly<Record<string, string>>;
  readonly tenant: string;
}

/** True when the container is in one of the term's tenants and its labels satisfy the selector. */
export function matchesTerm(term: PodAffinityTerm, container: LabelledContainer): boolean {
  if (!term.namespaces.includes(container.tenant)) return false;
  const { matchLabels, matchExpressions } = term.selector;
  const labels = container.labels;
  for (const key in matchLabels) if (labels[key] !== matchLabels[key]) return false;
  for (const requirement of matchExpressions) if (!matchesRequirement(labels, requirement)) return false;
  return true;
}

/** True when the container matches every term (kube's podMatchesAllAffinityTerms; false for no terms). */
export function matchesAllTerms(terms: readonly PodAffinityTerm[], container: LabelledContainer): boolean {
  if (terms.length === 0) return false;
  for (const term of terms) if (!matchesTerm(term, container)) return false;
  return true;
}
