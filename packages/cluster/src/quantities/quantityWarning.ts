import { parseQuantity } from './parseQuantity.js';

/**
 * Why a quantity as written is almost certainly a mistake, with what was probably meant; undefined when
 * it looks right (or is not a quantity at all, which is the parser's to report). Kubernetes accepts
 * all of these, so Berth does too; it only says so:
 *
 * - memory (or an image size) above 0 but under 1 MiB: `512` is 512 bytes, so `'512Mi'` was meant; no
 *   container runs in less, and a plain number read as MiB was Berth's meaning before Kubernetes'.
 * - cpu above 1,000 cores: `cpu: 500` is 500 cores, so `'500m'` was meant; no machine has that many.
 *
 * `resource` is `cpu`, `memory` or `image-size`; other resources are counts and never warned about.
 */
export function quantityWarning(resource: string, written: number | string): string | undefined {
  const kind = resource === 'image-size' ? 'memory' : resource;
  if (kind !== 'cpu' && kind !== 'memory') return undefined;
  const amount = parseQuantity(kind, written);
  if (typeof amount !== 'number') return undefined;
  const shown = typeof written === 'number' ? String(written) : `'${written.trim()}'`;
  const { number, suffix } = split(written);
  if (kind === 'memory') {
    if (!(amount > 0 && amount < 1)) return undefined;
    const bytes = amount * MIB;
    const why = suffix === '' ? '' : suffix === 'm' ? " ('m' is milli, a thousandth)" : ' (less than 1Mi)';
    return `${shown} is ${format(bytes)} bytes${why}; did you mean '${number}Mi'?`;
  }
  if (!(amount > MAX_CORES * 1000)) return undefined;
  const cores = `${format(amount / 1000)} cores, more than any machine has`;
  return suffix === '' ? `${shown} is ${cores}; did you mean '${number}m'?` : `${shown} is ${cores}`;
}

/** Above this many cores a cpu amount is a warning: the largest machines have a few hundred. */
export const MAX_CORES = 1000;

const MIB = 1024 * 1024;

/** The number as written and its suffix (`''` for a plain number or an exponent). */
function split(written: number | string): { number: string; suffix: string } {
  if (typeof written === 'number') return { number: String(written), suffix: '' };
  const match = /^\s*\+?([0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)\s*$/.exec(written);
  return { number: match?.[1] ?? written.trim(), suffix: match?.[2] ?? '' };
}

function format(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
