/**
 * Whether a value is an object whose fields can be read: not `null`, not a primitive.
 * @internal
 */
export const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null;
