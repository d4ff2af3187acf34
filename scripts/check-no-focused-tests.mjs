// Fails when a focused or skipped test is committed: it.only, describe.only, test.only,
// it.skip, describe.skip, test.skip, xit, xdescribe, fit, fdescribe.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PATTERN = /\b(?:(?:it|describe|test)\.(?:only|skip)\s*\(|(?:xit|xdescribe|fit|fdescribe)\s*\()/;
const offenders = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) || path.includes(`test${'/'}`)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (PATTERN.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
        });
    }
  }
}

walk('src');
walk('test');
if (offenders.length > 0) {
  console.error('Focused or skipped tests are committed:\n' + offenders.join('\n'));
  process.exit(1);
}
console.log('no focused or skipped tests');
