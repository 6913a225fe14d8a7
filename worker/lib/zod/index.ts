/**
 * What `import { z } from 'zod'` resolves to in the worker bundle (the alias is
 * in wrangler.toml and vitest.config.ts).
 *
 * Why: `z` is zod's whole namespace object, so a bundler must keep every export
 * reachable from it, used or not. These exports are dead code in a Worker: all
 * 40-odd locales, `z.compile` (a code generator, and Workers forbid `eval`), and
 * JSON-Schema import and export. They were about a third of the minified bundle.
 * This `z` holds only the members in ./members.ts.
 */
import * as z from './members.ts';

export * from './members.ts';
export { z, z as default };
