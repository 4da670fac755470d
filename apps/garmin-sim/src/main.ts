import { ConfigValidationError, validateConfig } from '@fittrack/app-core';
import { loadAccounts } from './accounts-source';
import { SimConfig } from './config/sim.config';
import { buildSimulator } from './server';

async function main(): Promise<void> {
  // The simulator is not a Nest app, so it validates its environment here directly.
  // eslint-disable-next-line no-restricted-syntax
  const config = validateConfig('garmin-sim', SimConfig, process.env);
  const { app, state } = await buildSimulator(config, loadAccounts(config.SIM_ACCOUNTS_FILE));
  const address = await app.listen({ port: config.PORT, host: config.HOST });

  const lines = state.accounts
    .all()
    .map((a) => `  ${a.email.padEnd(28)} ${a.password.padEnd(16)} mfa=${a.mfa.padEnd(5)} displayName=${a.displayName}`);
  process.stdout.write(`garmin-sim listening on ${address} (seed "${config.SIM_SEED}")\nProfile: ${config.SIM_PROFILE}\n`);
  process.stdout.write(`Demo accounts:\n${lines.join('\n')}\n`);
  if (config.devMode) process.stdout.write(`MFA codes: GET ${address}/__sim/mfa/<email>\n`);

  const stop = () => void app.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`garmin-sim failed to start: ${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
  process.exit(1);
});
