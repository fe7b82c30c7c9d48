import type { KeepAlivePolicy, KeepAliveWindows } from '../KeepAlivePolicy.js';

/** Unloads an instance as soon as it falls idle: every invocation that finds no busy-but-free instance starts cold. */
export function noKeepAlive(): KeepAlivePolicy<null> {
  return new NoKeepAlive();
}

/** A class, as fixedKeepAlive's: the same methods in every simulation. */
class NoKeepAlive implements KeepAlivePolicy<null> {
  readonly name = 'none';

  createState(): null {
    return null;
  }

  observe(): void {}

  windows(_state: null, out: KeepAliveWindows): void {
    out.prewarmMs = 0;
    out.keepAliveMs = 0;
  }
}
