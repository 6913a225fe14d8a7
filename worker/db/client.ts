import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.ts';
import * as surveySchema from './survey-schema.ts';

/** A drizzle client on the D1 binding. Cheap: create one per request. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema: { ...schema, ...surveySchema } });
}

export type Db = ReturnType<typeof createDb>;
