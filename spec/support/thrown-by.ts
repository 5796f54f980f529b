/**
 * Runs `create` and returns the error it threw synchronously, failing the spec if it threw none or
 * threw something that is not an `Error`: the library's input errors are always `TypeError` or
 * `RangeError`, thrown when the operator (or schedule, or provider) is made.
 */
export function thrownBy(create: () => unknown): Error {
  try {
    create();
  } catch (thrown: unknown) {
    if (thrown instanceof Error) return thrown;
    throw new Error(`expected an Error, got ${String(thrown)}`, { cause: thrown });
  }
  throw new Error('expected an error');
}
