// Run as its own process by sign-in.integration-spec.ts: completes a sign-in that
// another process started, from the serialised pending state alone (stdin).
import { GarminAuthenticator, GarminClientConfig, PendingMfa } from '../../src';

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const { config, pending, code } = JSON.parse(input) as { config: GarminClientConfig; pending: PendingMfa; code: string };
  const done = await new GarminAuthenticator(config).complete(pending, code);
  process.stdout.write(JSON.stringify({ pid: process.pid, ...done }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
