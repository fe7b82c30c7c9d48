import { describe, expect, it } from 'vitest';
import { quantityWarning } from './quantityWarning.js';

describe('quantityWarning', () => {
  it.each([
    // Memory under 1 MiB: a plain number is bytes in Kubernetes, and was MiB in Berth before.
    ['memory', 512, "512 is 512 bytes; did you mean '512Mi'?"],
    ['memory', '1024', "'1024' is 1,024 bytes; did you mean '1024Mi'?"],
    ['memory', '512m', "'512m' is 0.512 bytes ('m' is milli, a thousandth); did you mean '512Mi'?"],
    ['memory', '100Ki', "'100Ki' is 102,400 bytes (less than 1Mi); did you mean '100Mi'?"],
    ['memory', '1e5', "'1e5' is 100,000 bytes; did you mean '1e5Mi'?"],
    ['image-size', 300, "300 is 300 bytes; did you mean '300Mi'?"],
    // Cpu above 1,000 cores: a plain number is cores in Kubernetes, and was millicores in Berth before.
    ['cpu', 2000, "2000 is 2,000 cores, more than any machine has; did you mean '2000m'?"],
    ['cpu', '1500', "'1500' is 1,500 cores, more than any machine has; did you mean '1500m'?"],
    ['cpu', '2000000m', "'2000000m' is 2,000 cores, more than any machine has"],
  ] as const)('%s %s', (resource, written, message) => {
    expect(quantityWarning(resource, written)).toBe(message);
  });

  it.each([
    ['memory', 0],
    ['memory', '0'],
    ['memory', '1Mi'],
    ['memory', 1_048_576], // exactly 1 MiB
    ['memory', '512Mi'],
    ['cpu', 1000], // 1,000 cores: the bound itself
    ['cpu', '1000000m'],
    ['cpu', 0.5],
    ['cpu', '500m'],
    ['gpu', 1e6], // counts are never warned about
    ['memory', 'lots'], // not a quantity: the parser's error, not a warning
  ] as const)('%s %s is not a warning', (resource, written) => {
    expect(quantityWarning(resource, written)).toBeUndefined();
  });
});
