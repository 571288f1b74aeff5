// One row of the bad-input table: a call the library must refuse, what it is given, and how it must refuse.

/** An error class the table expects: one of src/errors.ts, or TypeError / RangeError where JavaScript wants them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = new (...args: any[]) => Error;

export interface BadCall {
  /** What is wrong with the call, as the test title. */
  readonly label: string;
  /**
   * Makes what the call is given (tensors, modules, optimisers, in arrays or plain objects); run before memory is
   * measured. Everything it returns is disposed after the call, so memory must come back to where it started.
   */
  readonly inputs: () => unknown;
  /** The bad call itself, on what `inputs` made. */
  readonly call: (inputs: never) => unknown;
  /** The exact class of the error (not a subclass). */
  readonly error: ErrorClass;
  /** A fragment of the message that names what was given and what was expected. */
  readonly message: string;
  /**
   * The inputs hold an autograd graph whose backward never completed: its saved tensors outlive dispose() of the
   * inputs until the finalization safety net collects the graph.
   */
  readonly graphOutlivesInputs?: boolean;
}

/** A row whose call needs nothing made beforehand. */
export function badCall(label: string, call: () => unknown, error: ErrorClass, message: string): BadCall {
  return { label, inputs: () => null, call, error, message };
}

/** A row whose call is given what `inputs` made (typed through to `call`). */
export function badCallOn<T>(label: string, inputs: () => T, call: (inputs: T) => unknown, error: ErrorClass, message: string): BadCall {
  return { label, inputs, call: call as (inputs: never) => unknown, error, message };
}

/** The same row, for inputs that hold a graph with saved tensors that no completed backward released. */
export function withUnfinishedGraph(entry: BadCall): BadCall {
  return { ...entry, graphOutlivesInputs: true };
}
