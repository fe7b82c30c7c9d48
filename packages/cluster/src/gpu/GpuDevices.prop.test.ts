import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseDevices } from './chooseDevices.js';
import { GpuDevices, gpuAffinityTag } from './GpuDevices.js';
import type { GpuRequest } from './GpuRequest.js';

const request: fc.Arbitrary<GpuRequest> = fc.oneof(
  fc.integer({ min: 1, max: 999 }).map((milli) => ({ milli, count: 1, models: undefined })),
  fc.integer({ min: 1, max: 8 }).map((count) => ({ milli: 1000, count, models: undefined })),
);

/** Place (a request) or remove (the i-th held one, modulo) on one host's devices. */
const step = fc.oneof(
  request.map((r) => ({ kind: 'place' as const, r })),
  fc.nat().map((i) => ({ kind: 'remove' as const, i })),
);

describe('GPU devices (properties)', () => {
  it('never exceed 1,000 milli per device; whole devices are distinct; removal frees exactly its devices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(step, { maxLength: 60 }), (count, steps) => {
        const devices = new GpuDevices('T4', count);
        const held: Array<{ r: GpuRequest; on: number[] }> = [];
        for (const s of steps) {
          if (s.kind === 'place') {
            const on = chooseDevices(devices, s.r);
            if (on === null) continue;
            expect(new Set(on).size).toBe(s.r.count);
            devices.allocate(on, s.r.milli);
            held.push({ r: s.r, on });
          } else if (held.length > 0) {
            const [gone] = held.splice(s.i % held.length, 1);
            const before = Array.from(devices.used);
            devices.release(gone!.on, gone!.r.milli);
            for (let d = 0; d < count; d++) {
              const expected = gone!.on.includes(d) ? before[d]! - gone!.r.milli : before[d]!;
              expect(devices.used[d]).toBe(expected);
            }
          }
          // The books match the containers held, device by device, and stay within 0..1000.
          const sum = new Array<number>(count).fill(0);
          for (const h of held) for (const d of h.on) sum[d]! += h.r.milli;
          expect(Array.from(devices.used)).toEqual(sum);
          for (const u of devices.used) expect(u).toBeLessThanOrEqual(1000);
          // The GPU-affinity tags count the containers held, by kind (GpuClustering reads them).
          const tags = new Map<string, number>();
          for (const h of held) {
            const tag = gpuAffinityTag(h.r.count, h.r.milli);
            tags.set(tag, (tags.get(tag) ?? 0) + 1);
          }
          expect(new Map(devices.tags)).toEqual(tags);
        }
      }),
      { seed: 1313, numRuns: 300 },
    );
  });

  it('refuses an allocation past 1,000 milli or naming a device twice', () => {
    const devices = new GpuDevices('G2', 2);
    devices.allocate([0], 600);
    expect(() => devices.allocate([0], 500)).toThrow('device 0 has 400 milli-GPU free, 500 asked');
    expect(() => devices.allocate([1, 1], 1000)).toThrow('device 1 is not a distinct device');
  });

  it('best fit puts a share on the fullest device that still holds it', () => {
    const devices = new GpuDevices('G2', 4);
    devices.allocate([0], 300); // free 700
    devices.allocate([1], 800); // free 200
    devices.allocate([2], 500); // free 500
    expect(chooseDevices(devices, { milli: 400, count: 1, models: undefined })).toEqual([2]);
    expect(chooseDevices(devices, { milli: 150, count: 1, models: undefined })).toEqual([1]);
    expect(chooseDevices(devices, { milli: 1000, count: 1, models: undefined })).toEqual([3]);
    expect(chooseDevices(devices, { milli: 1000, count: 2, models: undefined })).toBeNull();
  });
});
