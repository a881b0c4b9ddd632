/** Whether a backend candidate is ready to be activated (`detail` says how), or why not. */
export type CandidateOutcome =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly reason: string };

/** Options that shape how a candidate is prepared. */
export interface CandidateOptions {
  /** XNNPACK threads for the WASM backend; 1 keeps tfjs's single-threaded build. */
  readonly threads: number;
  /**
   * Whether the user named this backend. `auto` never takes a software WebGPU adapter (it trains
   * ~24× slower than WASM); a user who asks for `webgpu` gets whatever adapter there is.
   */
  readonly explicit: boolean;
}

/**
 * Makes one backend ready for `tf.setBackend(name)`: loads optional modules, registers the backend
 * factory or kernels. Never throws; every failure becomes a reason.
 */
export type PrepareCandidate = (options: CandidateOptions) => Promise<CandidateOutcome>;
