// A platform service reading the change events (README, "Change events"):
//   npm run example:data-events
// It asks the gateway for its durable consumer of GARMIN_DATA (garmin.rpc.changes.consumer), pulls every
// event from where that consumer stands, keeps the highest version per row, and acks each one. Run it again
// and it goes on where it stopped; a new CONSUMER_NAME replays from the oldest event kept (or START_SEQUENCE /
// START_TIME). Environment:
//   NATS_URL (nats://127.0.0.1:4222), NATS_USER / NATS_PASSWORD (the platform credential, if the server has auth),
//   NATS_SUBJECT_PREFIX (the deployment's, usually empty), JS_API_PREFIX (JS.SYNC.API with the platform credential
//   of deploy/nats/accounts.conf; $JS.API on an open development server), CONSUMER_NAME (example-consumer),
//   START_SEQUENCE, START_TIME, FOLLOW=true to keep waiting for new events instead of stopping when caught up.
import { ChangeConsumerRequest, ChangeConsumerView, DataChangeEventBase, RpcSubject } from '@fittrack/contracts';
import { connect, JsMsg } from 'nats';

const env = (name: string, fallback?: string) => process.env[name] ?? fallback;
const prefix = env('NATS_SUBJECT_PREFIX', '') as string;
const subject = (name: string) => (prefix ? `${prefix}.${name}` : name);

async function main(): Promise<void> {
  const nats = await connect({ servers: env('NATS_URL', 'nats://127.0.0.1:4222'), user: env('NATS_USER'), pass: env('NATS_PASSWORD'), name: 'data-events-example' });
  try {
    const request: ChangeConsumerRequest = {
      name: env('CONSUMER_NAME', 'example-consumer') as string,
      ...(env('START_SEQUENCE') && { startSequence: Number(env('START_SEQUENCE')) }),
      ...(env('START_TIME') && { startTime: env('START_TIME') }),
    };
    const reply = await nats.request(subject(RpcSubject.ChangesConsumer), JSON.stringify(request), { timeout: 10_000 });
    const answer = reply.json<{ ok: true; data: ChangeConsumerView } | { ok: false; error: { code: string; message: string } }>();
    if (!answer.ok) throw new Error(`the gateway refused: ${answer.error.code} ${answer.error.message}`);
    const { stream, consumer: name, pending, created } = answer.data;
    log(`${created ? 'made' : 'found'} consumer ${name} of ${stream}: ${pending} events to read`);

    const consumer = await nats.jetstream({ apiPrefix: env('JS_API_PREFIX', '$JS.API') }).consumers.get(stream, name);
    // A consumer sees each event once; keeping the highest version per row also makes a redelivery (no ack in time) harmless.
    const versions = new Map<string, number>();
    let read = 0;
    const follow = env('FOLLOW') === 'true';
    for (;;) {
      const batch = await consumer.fetch({ max_messages: 256, expires: 2000 });
      let got = 0;
      for await (const message of batch as AsyncIterable<JsMsg>) {
        got++;
        const event = message.json<DataChangeEventBase & { key: Record<string, unknown> }>();
        const row = `${message.subject}:${event.userId}:${JSON.stringify(event.key)}`;
        if ((versions.get(row) ?? 0) < event.version) {
          versions.set(row, event.version);
          read++;
          log(`#${message.seq} ${message.subject.slice(prefix ? prefix.length + 1 : 0)} user=${event.userId} kind=${event.kind} key=${JSON.stringify(event.key)} v${event.version} ${event.change}`);
        }
        message.ack();
      }
      if (got === 0 && !follow && (await consumer.info()).num_pending === 0) break;
    }
    log(`caught up: ${read} changes of ${versions.size} rows read and acked`);
  } finally {
    await nats.drain();
  }
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
