/**
 * Facts of the test environment, named once: the admin tokens vitest.config.ts installs and a town the seed data
 * holds. Plain constants with no import, so that tests in workerd (through test/helpers.ts) and tests in Node
 * (test/browser, test/node) can share them.
 */

/** The roles of the test tokens: `admin` holds every role (editor, surveys, auditor), the others one each. */
export type TestRole = 'admin' | 'editor' | 'auditor' | 'surveys';

/**
 * The Authorization header of each test token, by role. vitest.config.ts installs the tokens (only their SHA-256),
 * so the plain values live here; a test that needs a malformed header builds it from these.
 */
export const ADMIN_TOKENS: Readonly<Record<TestRole, string>> = {
  admin: 'Bearer test-admin-token',
  editor: 'Bearer test-editor-token',
  auditor: 'Bearer test-auditor-token',
  surveys: 'Bearer test-surveys-token',
};

/** The JSON content type, for requests with a JSON body. */
export const JSON_BODY = { 'Content-Type': 'application/json' } as const;

/** The headers of an admin request as `role`, plus any `extra` ones (e.g. JSON_BODY). */
export function adminHeaders(role: TestRole, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: ADMIN_TOKENS[role], ...extra };
}

/** A town of the seed data (data/), on a national list: tests that need any real town use this one. */
export const KNOWN_TOWN = 'beijing-changgouzhen';
