import { isInputError, type InputErrorInfo } from '../../src/index.js';
import { thrownBy } from './thrown-by.js';

/**
 * The `info` of the input error that `create` throws, read as a program reads it, through
 * `isInputError`; fails the spec if `create` throws none, or an error without `info`.
 */
export function infoOf(create: () => unknown): InputErrorInfo {
  const error = thrownBy(create);
  if (!isInputError(error)) throw new Error(`expected an input error with info, got ${String(error)}`);
  return error.info;
}
