/** What a keep-alive policy decides when an instance of a function falls idle. */
export interface KeepAliveWindows {
  /**
   * Wait this long (ms) after the last execution before loading the function again: the instance is
   * unloaded at once and a fresh one is started when the window ends. 0: keep the instance loaded.
   */
  prewarmMs: number;
  /** Keep the (re)loaded instance this long (ms) idle before unloading it; Infinity: for ever. */
  keepAliveMs: number;
}

/**
 * Decides how long an idle function instance stays loaded (keep-alive) and whether to unload it and
 * load it again just before the next invocation is expected (pre-warm), as in "Serverless in the
 * Wild" (Shahrad et al., USENIX ATC 2020). A plain object holding only its parameters: what it learns
 * about one function lives in a state object made by `createState` and handed back on every call, so
 * one policy may serve any number of functions and simulations.
 */
export interface KeepAlivePolicy<State = unknown> {
  /** Stable name used in scenarios and reports. */
  readonly name: string;
  /** Fresh per-function state. */
  createState(): State;
  /**
   * An invocation of the function arrived `idleMs` after its previous one finished (0 when one was
   * still running). Not called for the function's first invocation.
   */
  observe(state: State, idleMs: number): void;
  /** Fills `out` with the windows to apply to an instance of the function that has just fallen idle. */
  windows(state: State, out: KeepAliveWindows): void;
}
