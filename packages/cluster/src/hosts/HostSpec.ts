import type { Taint } from './Taint.js';

/**
 * A host joining a running simulation (`addHost`), capacity in Kubernetes notation such as
 * `{ cpu: '4', memory: '16Gi' }`.
 */
export interface HostSpec {
  readonly name: string;
  readonly group?: string | undefined;
  readonly capacity: Readonly<Record<string, number | string>>;
  readonly maxContainers?: number | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly taints?: readonly Taint[] | undefined;
  readonly hourlyCost?: number | undefined;
}
