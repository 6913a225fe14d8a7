import { z } from '@hono/zod-openapi';
import { normaliseUscc, validateUscc } from '../lib/uscc.ts';

/** A made-up code with a correct check character (worked out by hand in test/lib/uscc.test.ts); no enterprise has it. */
export const ENTERPRISE_CODE_EXAMPLE = '91110108EXAMP1E00Y';

/**
 * The enterprise's unified social credit code (统一社会信用代码, GB 32100-2015), as the enterprise questionnaire's
 * `enterprise_code`: checked (lib/uscc.ts) with a message that says what is wrong, then given on in its normal
 * form (NFKC, trimmed, upper case), so that every spelling of one code is one enterprise. It is used only to
 * refuse a second answer (services/surveys/enterprise-claim.ts): never stored, logged or fingerprinted.
 * `overwrite` keeps the schema a string in the OpenAPI document, as a transform would not.
 */
export const EnterpriseCodeSchema = z
  .string()
  .superRefine((input, ctx) => {
    const result = validateUscc(input);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  })
  .overwrite(normaliseUscc)
  .openapi({
    description:
      'The enterprise’s 18-character unified social credit code (统一社会信用代码, GB 32100-2015), as on its business licence: digits and capital letters except I, O, Z, S and V, characters 3–8 digits, and a correct check character (the 18th: 31 − (Σ value(Ci) × Wi mod 31) over the first 17, 31 written 0, with Wi = 3^(i−1) mod 31 and the values 0–30 of 0123456789ABCDEFGHJKLMNPQRTUWXY). Full-width characters, lower case and surrounding spaces are accepted. One response per enterprise, town and wave: a second is refused with 409. The code is never stored: only a keyed hash of code and town, per wave, in a table with no link to the response.',
    example: ENTERPRISE_CODE_EXAMPLE,
  });
