import { ConfigValidationError, loadConfig } from '@fittrack/app-core';
import { Command, COMMANDS, runCommand } from './commands';
import { MigrateConfig } from './migrate.config';

async function main(): Promise<number> {
  const command = (process.argv[2] ?? 'up') as Command;
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`usage: migrate [${COMMANDS.join('|')}]\n`);
    return 2;
  }
  const config = loadConfig('migrate', MigrateConfig);
  return runCommand(command, config.DATABASE_URL, { line: (text) => process.stdout.write(`${text}\n`) });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
