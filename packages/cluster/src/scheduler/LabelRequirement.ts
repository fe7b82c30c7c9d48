/** A host-label condition, as in Kubernetes' node affinity match expressions. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: readonly string[] | undefined;
}

/** True when the labels satisfy the requirement (Kubernetes' NodeSelectorRequirement semantics). */
export function matchesRequirement(labels: Readonly<Record<string, string>>, req: LabelRequirement): boolean {
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return value !== undefined && (req.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(req.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined) return false;
      const have = Number.parseInt(value, 10);
      const bound = Number.parseInt(req.values?.[0] ?? '', 10);
      if (Number.isNaN(have) || Number.isNaN(bound)) return false;
      return req.operator === 'Gt' ? have > bound : have < bound;
    }
  }
}
