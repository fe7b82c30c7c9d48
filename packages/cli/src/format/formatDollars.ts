/**
 * An amount of dollars: three significant figures below $1 — a function's bill is often a fraction of
 * a cent, which two decimals would print as `$0.00` — and cents from $1 on (`$1,234.57`); `-` for NaN
 * (a platform without prices). Never in exponent form.
 */
export function formatDollars(x: number): string {
  if (Number.isNaN(x)) return '-';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a === 0) return '$0.00';
  if (a >= 1 || a === Number.POSITIVE_INFINITY) {
    return `${sign}$${a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  // Decimals that keep three significant figures: 0.0123 → 4, 0.000087 → 7.
  const digits = Math.min(100, 2 - Math.floor(Math.log10(a)));
  let text = a.toFixed(digits);
  // Rounding may carry into a new digit (0.09996 → 0.1000): one decimal fewer keeps three figures.
  if (Number(text) >= 10 ** (1 - digits + 2) && digits > 2) text = a.toFixed(digits - 1);
  return `${sign}$${text}`;
}
