/**
 * A host a trace describes, in Berth's units (cpu in millicores, memory in MiB, gpu in whole GPUs,
 * other resources as counts). Trace converters produce these; {@link traceToScenario} groups them.
 */
export interface TraceHost {
  readonly type: 'host';
  readonly name: string;
  readonly capacity: Readonly<Record<string, number>>;
  readonly labels: Readonly<Record<string, string>>;
  /** GPU devices (their model and count), when the trace's GPUs are modelled as devices. */
  readonly gpus?: { readonly model: string; readonly count: number } | undefined;
}

/**
 * Work a trace describes: `count` identical containers arriving at `at` (ms of trace time) and
 * running for `duration` ms (Infinity: until the end), either as a task of batch job `job` or, when
 * `job` is undefined, as a standalone container named `name`.
 */
export interface TraceTask {
  readonly type: 'task';
  readonly name: string;
  readonly job: string | undefined;
  readonly at: number;
  readonly duration: number;
  readonly count: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly priority?: number | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Host label values the container requires (label → accepted values), e.g. `gpu-model: [V100M16, V100M32]`. */
  readonly requiredLabels?: Readonly<Record<string, readonly string[]>> | undefined;
  /** GPU devices asked for: a share of one (`milli`) or whole ones (`count`), optionally of some models. */
  readonly gpu?:
    | { readonly milli?: number; readonly count?: number; readonly models?: readonly string[] | undefined }
    | undefined;
}

/** What a trace converter emits. */
export type TraceItem = TraceHost | TraceTask;
