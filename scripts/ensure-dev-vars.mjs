// Gives a fresh checkout the local development secrets (.dev.vars is git-ignored), adds the admin tokens to a
// .dev.vars from before tokens had names and roles, and gives the local enterprise waves secrets of their own.
import { randomBytes } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';

/** The enterprise waves of the local data (data/surveys/waves.csv): each needs its secret in ENTERPRISE_WAVE_SECRETS. */
const ENTERPRISE_WAVES = ['enterprise-w1', 'enterprise-w2'];

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('Created .dev.vars from .dev.vars.example (local admin token: local-dev-admin-token).');
} else if (!/^ADMIN_TOKENS=/m.test(readFileSync('.dev.vars', 'utf8'))) {
  const line = readFileSync('.dev.vars.example', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('ADMIN_TOKENS='));
  appendFileSync('.dev.vars', `\n${line}\n`);
  console.log('Added ADMIN_TOKENS to .dev.vars (local admin token: local-dev-admin-token).');
}

// Secrets are made here, on this machine, never copied from a file in the repository: one that was committed would
// let anyone test codes against the local claims. An entry already there is never replaced (that would orphan the
// claims made under it): it is only checked for the waves it lacks.
const vars = readFileSync('.dev.vars', 'utf8');
const entry = /^[ \t]*(?:export[ \t]+)?ENTERPRISE_WAVE_SECRETS[ \t]*=(.*)$/m.exec(vars);
if (!entry) {
  const secrets = Object.fromEntries(ENTERPRISE_WAVES.map((wave) => [wave, randomBytes(32).toString('base64url')]));
  appendFileSync('.dev.vars', `${vars === '' || vars.endsWith('\n') ? '' : '\n'}ENTERPRISE_WAVE_SECRETS=${JSON.stringify(secrets)}\n`);
  console.log(
    `Added ENTERPRISE_WAVE_SECRETS to .dev.vars: new random secrets for the local enterprise waves (${ENTERPRISE_WAVES.join(', ')}).`,
  );
} else {
  let waves;
  try {
    // dotenv takes a value as it is, or inside single quotes.
    waves = JSON.parse(entry[1].trim().replace(/^'(.*)'$/, '$1'));
  } catch {
    waves = null;
  }
  if (waves === null || typeof waves !== 'object' || Array.isArray(waves)) {
    console.warn(
      'ENTERPRISE_WAVE_SECRETS in .dev.vars is not a JSON object: every enterprise answer will be refused. Delete the line to have new secrets made.',
    );
  } else {
    const missing = ENTERPRISE_WAVES.filter((wave) => typeof waves[wave] !== 'string');
    if (missing.length) {
      console.warn(
        `ENTERPRISE_WAVE_SECRETS in .dev.vars has no secret for ${missing.join(', ')}: enterprise answers to it will be refused. ` +
          `Add one for each (node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))" prints one), ` +
          `or delete the line to have new secrets made for every wave.`,
      );
    }
  }
}
