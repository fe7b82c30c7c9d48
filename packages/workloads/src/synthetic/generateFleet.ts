import type { ScenarioInput } from '@berth/cluster';
import { argumentError } from '@berth/kernel';

type HostGroupInput = ScenarioInput['hosts'][number];

/** One machine shape of a fleet: its capacity as a scenario writes it, and how many (or what share). */
export interface HostShape {
  readonly name: string;
  readonly capacity: HostGroupInput['capacity'];
  /** Exactly this many hosts (give count or weight, not both). */
  readonly count?: number | undefined;
  /** Share of `total` (with {@link FleetSpec.total}). */
  readonly weight?: number | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly taints?: HostGroupInput['taints'];
  readonly hourlyCost?: number | undefined;
  readonly maxContainers?: number | undefined;
}

/** A fleet: shapes, optionally a total to share out by weight, and zones to spread each shape over. */
export interface FleetSpec {
  readonly shapes: readonly HostShape[];
  /** Total hosts, shared among weighted shapes by largest remainder (exact, no randomness). */
  readonly total?: number | undefined;
  /** Zones each shape is spread over as evenly as possible, as the host label {@link FleetSpec.zoneLabel}. */
  readonly zones?: readonly string[] | undefined;
  /** Default `topology.kubernetes.io/zone`, Kubernetes' well-known label. */
  readonly zoneLabel?: string | undefined;
}

/**
 * Host groups for a scenario's `hosts`: one group per shape (per shape and zone with `zones`, named
 * `<shape>-<zone>`). Deterministic: no random draws, so fleets do not shift other streams.
 */
export function generateFleet(spec: FleetSpec): HostGroupInput[] {
  if (spec.shapes.length === 0) throw argumentError('shapes', 'expected at least one shape');
  const counts = shapeCounts(spec);
  const zones = spec.zones ?? [];
  if (new Set(zones).size !== zones.length) throw argumentError('zones', 'expected distinct zone names');
  const zoneLabel = spec.zoneLabel ?? 'topology.kubernetes.io/zone';
  const out: HostGroupInput[] = [];
  spec.shapes.forEach((shape, s) => {
    const base = {
      capacity: shape.capacity,
      ...(shape.taints === undefined ? {} : { taints: shape.taints }),
      ...(shape.hourlyCost === undefined ? {} : { hourlyCost: shape.hourlyCost }),
      ...(shape.maxContainers === undefined ? {} : { maxContainers: shape.maxContainers }),
    };
    const count = counts[s]!;
    if (zones.length === 0) {
      if (count > 0) out.push({ group: shape.name, count, ...base, ...labelsOf(shape.labels) });
      return;
    }
    // Rotate where the remainder lands so small shapes do not all crowd the first zone.
    const each = Math.floor(count / zones.length);
    const extra = count % zones.length;
    zones.forEach((zone, z) => {
      const n = each + ((z - s + zones.length * (s + 1)) % zones.length < extra ? 1 : 0);
      if (n > 0) {
        out.push({
          group: `${shape.name}-${zone}`,
          count: n,
          ...base,
          labels: { ...shape.labels, [zoneLabel]: zone },
        });
      }
    });
  });
  if (out.length === 0) throw argumentError('shapes', 'expected at least one host in the fleet');
  return out;
}

function labelsOf(labels: Readonly<Record<string, string>> | undefined): { labels?: Record<string, string> } {
  return labels === undefined ? {} : { labels: { ...labels } };
}

function shapeCounts(spec: FleetSpec): number[] {
  const names = new Set<string>();
  spec.shapes.forEach((shape, i) => {
    if (typeof shape.name !== 'string' || shape.name === '')
      throw argumentError(`shapes[${i}].name`, 'expected a non-empty name');
    if (names.has(shape.name)) throw argumentError(`shapes[${i}].name`, `duplicate shape name '${shape.name}'`);
    names.add(shape.name);
    if ((shape.count === undefined) === (shape.weight === undefined)) {
      throw argumentError(`shapes[${i}]`, 'give either count or weight');
    }
  });
  if (spec.total === undefined) {
    return spec.shapes.map((shape, i) => {
      const count = shape.count;
      if (count === undefined) throw argumentError(`shapes[${i}].weight`, 'weights need a total; give count instead');
      if (!(Number.isInteger(count) && count >= 0))
        throw argumentError(`shapes[${i}].count`, `expected an integer >= 0, got ${count}`);
      return count;
    });
  }
  const total = spec.total;
  if (!(Number.isInteger(total) && total >= 0)) throw argumentError('total', `expected an integer >= 0, got ${total}`);
  const weights = spec.shapes.map((shape, i) => {
    const w = shape.weight;
    if (w === undefined) throw argumentError(`shapes[${i}].count`, 'with a total, give every shape a weight');
    if (!(w >= 0 && Number.isFinite(w)))
      throw argumentError(`shapes[${i}].weight`, `expected a finite weight >= 0, got ${w}`);
    return w;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw argumentError('shapes', 'expected at least one positive weight');
  // Largest remainder (Hamilton): floors first, then one more to the largest fractions, ties to the earlier shape.
  const quotas = weights.map((w) => (total * w) / sum);
  const counts = quotas.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}
