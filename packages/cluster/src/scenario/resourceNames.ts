// Which resource names a scenario may use: Berth's own, Kubernetes' standard container resources,
// Kubernetes-style extended resources (`example.com/foo`), and the names it declares.
import { closestName } from './didYouMean.js';

/**
 * Resources every scenario knows without declaring them: Berth's cpu, memory and gpu, and Kubernetes'
 * other standard container resource, ephemeral-storage (IsStandardContainerResourceName in
 * kubernetes/pkg/apis/core/helper/helpers.go; `hugepages-<size>` names are accepted too).
 */
export const BUILT_IN_RESOURCES: readonly string[] = ['cpu', 'memory', 'gpu', 'ephemeral-storage'];

const DNS_LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const QUALIFIED = new RegExp(
  `^(?=.{1,253}/)${DNS_LABEL}(?:\\.${DNS_LABEL})*/(?=.{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$`,
);

/**
 * A name Kubernetes takes as an extended resource without more ado (IsExtendedResourceName in
 * kubernetes/pkg/apis/core/helper/helpers.go): a qualified name `domain/name` outside the
 * kubernetes.io domain, not prefixed `requests.`, such as `example.com/foo` or `nvidia.com/gpu`.
 * Anything without a domain is in Kubernetes' own namespace, where only the standard names exist.
 */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/') || name.startsWith('requests.')) return false;
  return QUALIFIED.test(name);
}

/** True when a scenario that declares `declared` may name the resource `name`. */
export function isKnownResource(name: string, declared: ReadonlySet<string>): boolean {
  return (
    BUILT_IN_RESOURCES.includes(name) ||
    name.startsWith('hugepages-') ||
    isExtendedResourceName(name) ||
    declared.has(name)
  );
}

/**
 * The message for a resource name the scenario does not know: a near miss suggests the name meant,
 * and every message says how to declare a resource of one's own.
 */
export function unknownResourceMessage(name: string, declared: ReadonlySet<string>): string {
  const near = closestName(name, [...BUILT_IN_RESOURCES, ...declared]);
  const declare =
    `declare extended resources in the scenario's extendedResources (extendedResources: [${name}]), ` +
    `or name them as Kubernetes does ('example.com/${name}')`;
  if (near === undefined) return `unknown resource '${name}': ${declare}`;
  return `unknown resource '${name}'; did you mean '${near}'? Or ${declare}`;
}
