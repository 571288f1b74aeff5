// Catching an expected error, to check more of it than its message.

/** The error `run` throws; fails the test when it throws none. */
export function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}
