import type { HostView } from '../hosts/Host.js';
import { domainOf, HOSTNAME } from './ClusterView.js';
import type { NomadAffinity } from './NomadPlacement.js';

/**
 * The host label a Nomad attribute reads: `${meta.k}` and `${attr.k}` are the label `k`,
 * `${node.datacenter}` and `${node.class}` the labels `datacenter` and `class`, `${node.unique.name}`
 * the host's name. Undefined for any other form.
 */
export function nomadAttributeKey(attribute: string): string | undefined {
  const m = /^\$\{(?:(meta|attr)\.(.+)|node\.(datacenter|class|unique\.name))\}$/.exec(attribute);
  if (m === null) return undefined;
  if (m[2] !== undefined) return m[2];
  return m[3] === 'unique.name' ? HOSTNAME : m[3];
}

/** True when the host meets the affinity (nomad scheduler/feasible.go `checkConstraint` semantics). */
export function matchesNomadAffinity(affinity: NomadAffinity, host: HostView): boolean {
  const have = domainOf(host, affinity.key);
  const want = affinity.value;
  switch (affinity.operator) {
    case '=':
    case '==':
    case 'is':
      return have === want;
    case '!=':
    case 'not':
      // A missing attribute is not equal to the value.
      return have !== want;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return have !== undefined && ordered(affinity.operator, have, want);
    case 'regexp':
      return have !== undefined && new RegExp(want).test(have);
    case 'set_contains_all': {
      if (have === undefined) return false;
      const set = new Set(have.split(',').map((s) => s.trim()));
      return want.split(',').every((v) => set.has(v.trim()));
    }
    case 'set_contains_any': {
      if (have === undefined) return false;
      const set = new Set(have.split(',').map((s) => s.trim()));
      return want.split(',').some((v) => set.has(v.trim()));
    }
  }
}

/** Nomad's `checkOrder`: numbers compare as numbers when both sides parse, otherwise strings lexically. */
function ordered(operator: '<' | '<=' | '>' | '>=', left: string, right: string): boolean {
  const a = Number(left);
  const b = Number(right);
  const numeric = left.trim() !== '' && right.trim() !== '' && Number.isFinite(a) && Number.isFinite(b);
  const cmp = numeric ? Math.sign(a - b) : left < right ? -1 : left > right ? 1 : 0;
  switch (operator) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
  }
}
