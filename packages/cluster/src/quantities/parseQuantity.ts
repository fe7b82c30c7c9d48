/**
 * Parses a resource quantity the way Kubernetes writes them and returns it in Berth's unit for the
 * resource: millicores for cpu (`500m` → 500, `2` → 2000), MiB for memory (`512Mi` → 512, `4Gi` → 4096,
 * `1G` → 953.67...), and plain counts for everything else (`gpu: 2`). A plain number is already in
 * Berth's unit (cpu 250 means 250 millicores). Returns an error message instead of a value when the
 * text is not a quantity.
 */
export function parseQuantity(resource: string, input: number | string): number | string {
  const value = parseUnbounded(resource, input);
  if (typeof value === 'number' && !(value <= MAX_QUANTITY)) {
    const written = typeof input === 'number' ? String(input) : `'${input}'`;
    return `${written} is too large: at most ${MAX_QUANTITY} ${UNIT[resource] ?? 'units'} of ${resource}`;
  }
  return value;
}

/**
 * The largest quantity of one resource, in Berth's unit: 10^12 millicores (a billion cores), MiB (an
 * exbibyte) or units. Sums over a million hosts stay finite; text such as `cpu: '1e400'` or
 * `memory: 1e305Ti`, which overflows to Infinity, is refused instead of becoming Infinity.
 */
export const MAX_QUANTITY = 1e12;

const UNIT: Readonly<Record<string, string>> = { cpu: 'millicores', memory: 'MiB' };

function parseUnbounded(resource: string, input: number | string): number | string {
  if (typeof input !== 'number' && typeof input !== 'string') {
    return `expected a quantity such as ${example(resource)}, got ${input === null ? 'null' : typeof input}`;
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return `expected a non-negative quantity, got ${input}`;
    return input;
  }
  const match = /^\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(input);
  if (match === null) return `expected a quantity such as ${example(resource)}, got '${input}'`;
  const value = Number(match[1]);
  const suffix = match[2] ?? '';
  if (resource === 'cpu') {
    if (suffix === 'm') return value;
    if (suffix === '') return value * 1000;
    return `cpu is written in cores ('2', '0.5') or millicores ('500m'), got '${input}'`;
  }
  const bytes = BYTE_SUFFIXES[suffix];
  if (resource === 'memory') {
    if (suffix === '') return `memory needs a unit ('512Mi', '4Gi') or a plain number of MiB, got '${input}'`;
    if (bytes === undefined) return `unknown memory unit '${suffix}' in '${input}'; use Ki, Mi, Gi, Ti, k, M, G or T`;
    return (value * bytes) / MIB;
  }
  if (suffix === '') return value;
  if (suffix === 'm') return value / 1000;
  if (bytes !== undefined) return value * bytes;
  return `unknown unit '${suffix}' in '${input}'`;
}

const MIB = 1024 * 1024;
const BYTE_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 1024,
  Mi: MIB,
  Gi: 1024 * MIB,
  Ti: 1024 * 1024 * MIB,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

function example(resource: string): string {
  if (resource === 'cpu') return "'500m' or '2'";
  if (resource === 'memory') return "'512Mi' or '4Gi'";
  return "'2'";
}
