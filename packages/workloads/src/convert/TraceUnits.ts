/**
 * How trace values become Berth's units, where the trace does not say. Every default is an
 * assumption stated here; pass your own when you know better.
 */
export interface TraceUnits {
  /**
   * The machine Google 2011 normalises to: a request of 1.0 is this much (cpu in millicores, memory
   * in MiB), and 0.5 half of it. The trace does not publish real sizes; default 32 cores and 128 GiB
   * (an assumption: only ratios between requests and machines in the trace are real).
   */
  readonly googleMachine: { readonly cpu: number; readonly memory: number };
  /**
   * Requests given to each job when converting Google job_events alone, which carry no resources
   * (default 1 core, 1 GiB: a placeholder, not data).
   */
  readonly googleJobRequests: Readonly<Record<string, number>>;
  /**
   * MiB that Alibaba v2018's normalised memory 100 stands for (machines and containers alike).
   * Not published; default 512 GiB (an assumption; the trace's machines have 96 CPUs).
   */
  readonly alibabaMachineMemory: number;
  /**
   * Alibaba GPU v2023 pods that ask for a share of one GPU (`num_gpu` 1, `gpu_milli` < 1000):
   * `whole` (default) asks for one whole GPU, which overstates demand but keeps each GPU whole;
   * `milli` asks for `num_gpu × gpu_milli` of an extended resource `gpu-milli` that hosts offer as
   * `gpu × 1000`, pooled per host, so it ignores which device a share lands on (the fragmentation the
   * trace's FGD paper is about); `drop` leaves such pods out; `devices` models each node's GPUs as
   * devices of its model (`gpus: { model, count }`) and each pod's demand as a share of one device
   * (`gpu: { milli }`) or whole devices (`gpu: { count }`) restricted to its `gpu_spec` models, so that
   * placement decides which device a share lands on.
   */
  readonly fractionalGpu: 'whole' | 'milli' | 'drop' | 'devices';
  /** Scheduling priority per Alibaba GPU v2023 QoS class (`LS`, `BE`, ...); unlisted classes get 0. */
  readonly qosPriority: Readonly<Record<string, number>>;
}

/** The defaults of {@link TraceUnits}. */
export const DEFAULT_TRACE_UNITS: TraceUnits = Object.freeze({
  googleMachine: Object.freeze({ cpu: 32_000, memory: 131_072 }),
  googleJobRequests: Object.freeze({ cpu: 1000, memory: 1024 }),
  alibabaMachineMemory: 524_288,
  fractionalGpu: 'whole',
  qosPriority: Object.freeze({}),
});
