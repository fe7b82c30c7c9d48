/**
 * Writes an amount in Berth's unit for `resource` (millicores for cpu, MiB for memory, units otherwise)
 * as a scenario quantity that {@link parseQuantity} reads back to the same number, in Kubernetes'
 * canonical form (the largest suffix that keeps the number whole; resource.Quantity: "1.5 will be
 * serialized as 1500m", "1.5Gi will be serialized as 1536Mi"): cpu in cores when whole (`2000` →
 * `'2'`), else in millicores (`500` → `'500m'`); memory with a binary suffix (`1024` → `'1Gi'`, `512` →
 * `'512Mi'`, `0.5` → `'512Ki'`) or in bytes (`953.67431640625` → `'1000000000'`); any other resource
 * as the plain count it is (`2` → `2`). For generators and converters that write scenarios: what they
 * write means the same to Berth as to Kubernetes.
 */
export function formatQuantity(resource: string, amount: number): number | string {
  if (resource === 'cpu') {
    if (Number.isInteger(amount) && amount % 1000 === 0) return String(amount / 1000);
    return amount < 1e-6 ? String(amount / 1000) : `${amount}m`;
  }
  if (resource !== 'memory') return amount;
  if (amount === 0) return '0';
  if (Number.isInteger(amount)) {
    let value = amount;
    let suffix = 0;
    while (suffix < BINARY.length - 1 && value % 1024 === 0) {
      value /= 1024;
      suffix++;
    }
    return `${value}${BINARY[suffix]}`;
  }
  // Multiplying by 2^20 is exact in binary floating point, so the bytes divide back to the same MiB.
  const bytes = amount * MIB;
  return Number.isInteger(bytes) && bytes % 1024 === 0 ? `${bytes / 1024}Ki` : String(bytes);
}

/** Binary suffixes from MiB up: a whole number of MiB is written with the largest that keeps it whole. */
const BINARY = ['Mi', 'Gi', 'Ti', 'Pi'] as const;

/** {@link formatQuantity} for each amount of a record of resources (a container's requests, a host's capacity). */
export function formatResources(amounts: Readonly<Record<string, number>>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [name, amount] of Object.entries(amounts)) out[name] = formatQuantity(name, amount);
  return out;
}

const MIB = 1024 * 1024;
