/**
 * Parses a resource quantity as a Kubernetes manifest means it and returns it in Berth's unit for the
 * resource: millicores for cpu, MiB for memory (fractions kept), plain counts for everything else.
 *
 * - cpu is in cores: `2` and `'2'` are two cores (2000), `0.5`, `'0.5'` and `'500m'` half a core (500).
 * - memory is in bytes: `'512Mi'` → 512, `'4Gi'` → 4096, `'1G'` → 953.67..., and a plain `1073741824`
 *   (number or text) is 1 GiB → 1024.
 * - anything else (`gpu`, extended resources) is a count: `2` → 2, `'500m'` → 0.5, `'1k'` → 1000.
 *
 * The grammar is Kubernetes' resource.Quantity (k8s.io/apimachinery/pkg/api/resource, "The
 * serialization format is: <quantity> ::= <signedNumber><suffix>"; kubernetes.io, Reference,
 * Kubernetes API, Common Definitions, Quantity): a number (`2`, `2.5`, `2.`, `.5`), then at most one of
 * a binary suffix (`Ki Mi Gi Ti Pi Ei`, powers of 1024), a decimal suffix (`m k M G T P E`, powers of
 * 1000; `K` is not one) or a decimal exponent (`1e3`, `5E-1`). Berth refuses negative amounts (Kubernetes'
 * validation does too, for requests and capacity) and cpu written with a suffix other than `m`, and
 * keeps cpu finer than 1m as it is (Kubernetes rounds it up to 1m). Returns an error message instead of a
 * value when the input is not such a quantity, or is above `MAX_QUANTITY`.
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
 * The largest quantity of one resource, in Berth's unit: 10^12 millicores (a billion cores), MiB (about
 * an exbibyte) or units. Sums over a million hosts stay finite; text such as `cpu: '1e400'` or
 * `memory: '1Ei'`, above it (the first overflows to Infinity), is refused instead.
 */
export const MAX_QUANTITY = 1e12;

const UNIT: Readonly<Record<string, string>> = { cpu: 'millicores', memory: 'MiB' };

/** A number, then a suffix or an exponent (one at most); a sign only as `+`, negatives are refused below. */
const QUANTITY = /^\s*(-?)\+?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|([a-zA-Z]*))\s*$/;

function parseUnbounded(resource: string, input: number | string): number | string {
  if (typeof input !== 'number' && typeof input !== 'string') {
    return `expected a quantity such as ${example(resource)}, got ${input === null ? 'null' : typeof input}`;
  }
  let value: number;
  let suffix = '';
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return `expected a non-negative quantity, got ${input}`;
    value = input;
  } else {
    const match = QUANTITY.exec(input);
    if (match === null) return `expected a quantity such as ${example(resource)}, got '${input}'`;
    if (match[1] === '-') return `expected a non-negative quantity, got '${input}'`;
    value = Number(`${match[2]}${match[3] ?? ''}`);
    suffix = match[4] ?? '';
  }
  if (resource === 'cpu') {
    if (suffix === '') return value * 1000;
    if (suffix === 'm') return value;
    return `cpu is written in cores ('2', '0.5') or millicores ('500m'), got '${input}'`;
  }
  const factor = SUFFIXES[suffix];
  if (factor === undefined) {
    if (suffix === 'K') return `unknown unit 'K' in '${input}'; Kubernetes writes 1000 as 'k' and 1024 as 'Ki'`;
    if (resource === 'memory') return `unknown memory unit '${suffix}' in '${input}'; use ${SUFFIX_LIST}`;
    return `unknown unit '${suffix}' in '${input}'`;
  }
  // Milli divides rather than multiplies by 0.001, which is not exact in binary ('3m' is 0.003).
  const amount = suffix === 'm' ? value / 1000 : value * factor;
  return resource === 'memory' ? amount / MIB : amount;
}

const MIB = 1024 * 1024;

/** Kubernetes' suffixes: binary SI (powers of 2^10), decimal SI (powers of 10^3) and none. */
const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const SUFFIX_LIST = 'Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024) or k, M, G, T, P, E (powers of 1000)';

function example(resource: string): string {
  if (resource === 'cpu') return "'500m' or '2'";
  if (resource === 'memory') return "'512Mi' or '4Gi'";
  return "'2'";
}
