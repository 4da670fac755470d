// Type-checks every tsconfig.*.json of one project (app or lib, source and specs),
// so `nx run-many -t typecheck` covers code that no build or test target compiles.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const projectRoot = process.argv[2];
if (!projectRoot) {
  console.error('usage: node tools/scripts/typecheck.mjs <projectRoot>');
  process.exit(2);
}
const configs = readdirSync(projectRoot).filter((f) => /^tsconfig\..+\.json$/.test(f));
for (const config of configs) {
  execFileSync(join('node_modules', '.bin', 'tsc'), ['--noEmit', '-p', join(projectRoot, config)], { stdio: 'inherit' });
}
