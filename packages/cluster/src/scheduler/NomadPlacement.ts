/** A Nomad affinity operator that Berth evaluates (nomad scheduler/feasible.go `checkConstraint`). */
export type NomadOperator =
  | '='
  | '=='
  | 'is'
  | '!='
  | 'not'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'regexp'
  | 'set_contains_all'
  | 'set_contains_any';

/** Nomad's `affinity` block with its attribute resolved to a host label key (`hostname`: the host's name). */
export interface NomadAffinity {
  readonly key: string;
  readonly operator: NomadOperator;
  readonly value: string;
  /** −100..100, not 0; negative weights repel. */
  readonly weight: number;
}

/** Nomad's `spread` block: an attribute, its weight (0..100) and target percentages (none: even spread). */
export interface NomadSpread {
  readonly key: string;
  readonly weight: number;
  readonly targets: ReadonlyArray<{ readonly value: string; readonly percent: number }>;
}

/** The Nomad placement blocks of a container. */
export interface NomadPlacement {
  readonly affinities: readonly NomadAffinity[];
  readonly spreads: readonly NomadSpread[];
}
