/**
 * The members of zod's `z` the worker calls at run time: the ones in worker/
 * and web/, and the ones @hono/zod-openapi calls on the `z` it re-exports
 * (json, lazy, nativeEnum, null, and ZodType, which it extends with `.openapi`).
 * test/node/zod-members.test.ts fails when the source calls a member missing
 * here. Types still come from the real package.
 */
export {
  array,
  boolean,
  coerce,
  discriminatedUnion,
  enum,
  json,
  lazy,
  literal,
  nativeEnum,
  null,
  number,
  object,
  preprocess,
  record,
  string,
  union,
  unknown,
  url,
  ZodType,
} from 'zod/v4';
