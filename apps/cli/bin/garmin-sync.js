#!/usr/bin/env node
// `npx garmin-sync`: runs the built CLI (npm run build, or npx nx build cli, builds it).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '../../../dist/apps/cli/main.js');
if (!existsSync(entry)) {
  process.stderr.write('garmin-sync is not built yet. Build it with: npx nx build cli\n');
  process.exit(1);
}
require(entry);
