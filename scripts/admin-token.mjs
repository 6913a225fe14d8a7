// Makes a new admin token: prints the token (give it to its holder, once) and the entry to add to the
// ADMIN_TOKENS secret (`wrangler secret put ADMIN_TOKENS`, a JSON array), which holds only its hash.
//   npm run admin:token -- --name 王芳 --roles editor,auditor
import { createHash, randomBytes } from 'node:crypto';

const arg = (flag) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const name = arg('--name');
const roles = (arg('--roles') ?? 'editor')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean);
const known = ['editor', 'surveys', 'auditor'];
if (!name || roles.some((r) => !known.includes(r))) {
  console.error(`usage: npm run admin:token -- --name NAME [--roles ${known.join(',')}]`);
  process.exit(2);
}
const token = randomBytes(32).toString('base64url');
console.log(`token (give it to ${name}; it is not stored anywhere): ${token}`);
console.log('entry for ADMIN_TOKENS:');
console.log(JSON.stringify({ name, roles, sha256: createHash('sha256').update(token).digest('hex') }));
