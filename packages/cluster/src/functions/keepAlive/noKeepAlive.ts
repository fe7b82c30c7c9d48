import type { KeepAlivePolicy } from '../KeepAlivePolicy.js';

/** Unloads an instance as soon as it falls idle: every invocation that finds no busy-but-free instance starts cold. */
export function noKeepAlive(): KeepAlivePolicy<null> {
  return {
    name: 'none',
    createState: () => null,
    observe: () => {},
    windows: (_state, out) => {
      out.prewarmMs = 0;
      out.keepAliveMs = 0;
    },
  };
}
