import { InvalidArgumentError } from '../../src';

/** Awaits a promise that must reject with an InvalidArgumentError, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}
