// Gives a fresh checkout the local development secrets (.dev.vars is git-ignored),
// and adds the admin tokens to a .dev.vars from before tokens had names and roles.
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('Created .dev.vars from .dev.vars.example (local admin token: local-dev-admin-token).');
} else if (!/^ADMIN_TOKENS=/m.test(readFileSync('.dev.vars', 'utf8'))) {
  const line = readFileSync('.dev.vars.example', 'utf8').split('\n').find((l) => l.startsWith('ADMIN_TOKENS='));
  appendFileSync('.dev.vars', `\n${line}\n`);
  console.log('Added ADMIN_TOKENS to .dev.vars (local admin token: local-dev-admin-token).');
}
