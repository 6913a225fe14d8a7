import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../../worker/http/validation.ts';
import { ENTERPRISE_CODE_EXAMPLE, EnterpriseCodeSchema } from '../../worker/schemas/enterprise-code.ts';

// How the submission will carry it: a field `enterprise_code` of the body.
const Body = z.object({ enterprise_code: EnterpriseCodeSchema }).strict();

/** The `errors[]` the API would answer for this body. */
function problems(body: unknown) {
  const result = Body.safeParse(body);
  return result.success ? [] : fieldProblems(result.error.issues as never, 'json');
}

describe('EnterpriseCodeSchema', () => {
  it('accepts the documented example and gives on the code in its normal form', () => {
    expect(Body.parse({ enterprise_code: ENTERPRISE_CODE_EXAMPLE })).toEqual({ enterprise_code: '91110108EXAMP1E00Y' });
    expect(Body.parse({ enterprise_code: ' ９１１１０１０８ｅｘａｍｐ１ｅ００ｙ ' })).toEqual({ enterprise_code: '91110108EXAMP1E00Y' });
  });

  it('refuses with one problem that names the field and what is wrong with it', () => {
    expect(problems({ enterprise_code: '91110108EXAMP1E00X' })).toEqual([
      {
        name: 'enterprise_code',
        in: 'body',
        code: 'invalid',
        detail: expect.stringMatching(/check character \(the 18th\) does not match.*would be Y/),
      },
    ]);
    expect(problems({ enterprise_code: '91110108EXAMP1E00' })).toEqual([
      {
        name: 'enterprise_code',
        in: 'body',
        code: 'invalid',
        detail: expect.stringMatching(/18-character unified social credit code.*17 characters long/),
      },
    ]);
    expect(problems({ enterprise_code: '91110108EXAMP1EO0Y' })).toEqual([
      { name: 'enterprise_code', in: 'body', code: 'invalid', detail: expect.stringMatching(/Character 16 \("O"\).*digit 0/) },
    ]);
    expect(problems({ enterprise_code: '9111A108EXAMP1E00Y' })).toEqual([
      { name: 'enterprise_code', in: 'body', code: 'invalid', detail: expect.stringMatching(/Characters 3–8 .*character 5 is "A"/) },
    ]);
    expect(problems({})).toEqual([{ name: 'enterprise_code', in: 'body', code: 'required', detail: 'Missing: this field is required' }]);
    expect(problems({ enterprise_code: 911101080 })).toEqual([
      { name: 'enterprise_code', in: 'body', code: 'invalid', detail: expect.stringMatching(/expected string/) },
    ]);
  });

  it('never puts the code in a message', () => {
    for (const code of ['91110108EXAMP1E00X', '91110108EXAMP1E00YY', '91110108EXAMP1EI0Y']) {
      const result = Body.safeParse({ enterprise_code: code });
      expect(JSON.stringify(result.error?.issues.map((i) => i.message))).not.toContain('91110108EXAMP');
    }
  });

  it('is a documented string in the OpenAPI document, with a description and a valid example', () => {
    const app = new OpenAPIHono();
    app.openapi(
      createRoute({
        method: 'post',
        path: '/x',
        request: { body: { content: { 'application/json': { schema: Body } } } },
        responses: { 204: { description: 'ok' } },
      }),
      (c) => c.body(null, 204),
    );
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const schema = (
      doc.paths!['/x']!.post!.requestBody as {
        content: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }>;
      }
    ).content['application/json']!.schema.properties.enterprise_code!;
    expect(schema.type).toBe('string');
    expect(schema.description).toMatch(/统一社会信用代码, GB 32100-2015/);
    expect(schema.example).toBe(ENTERPRISE_CODE_EXAMPLE);
    expect(EnterpriseCodeSchema.safeParse(schema.example).success).toBe(true);
  });
});
