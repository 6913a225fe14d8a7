// Gives a fresh checkout the local development secrets (.dev.vars is git-ignored).
import { copyFileSync, existsSync } from 'node:fs';

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('Created .dev.vars from .dev.vars.example (local admin token: local-dev-admin-token).');
}
