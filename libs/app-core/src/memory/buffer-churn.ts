import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Bytes of buffers a stream may leave behind as garbage before it asks for a collection. V8 reclaims ArrayBuffer
 * memory (every Buffer) only when it collects, and an archive passing through the process makes little JavaScript
 * garbage to prompt one: PostgreSQL's bytea arrives as hex text and is decoded into a Buffer, pg's parser grows a
 * fresh buffer for every large row, deflate allocates its window per entry, each chunk is copied into its INSERT.
 * Left to itself, V8 let some 60 MB of that build up (the export benchmark's figures, README). A byte counted here
 * stands for several allocated, so the bound is low: a collection per 8 MB counted kept the 1,000-activity export's
 * peak at about 185 MB where 24 MB gave 196 MB and none 217 MB.
 */
const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;

let collect: (() => void) | undefined;

/**
 * The full collection `gc()`, which Node gives only to a process started with --expose-gc: the flag is set at
 * run time and `gc` read from a fresh context, as jest-leak-detector does. Set once, on first use.
 */
function collector(): () => void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}

let churnedSince = 0;

/**
 * Counts the bytes of buffers a long stream handles (files read, chunks written or served), across the whole
 * process, and asks for a full collection every {@link COLLECT_EVERY_BYTES}, so the process's memory stays flat
 * whatever the stream's length and however many streams run. A collection of this heap takes tens of milliseconds,
 * once per tens of megabytes streamed.
 */
export function bufferChurned(bytes: number): void {
  churnedSince += bytes;
  if (churnedSince < COLLECT_EVERY_BYTES) return;
  churnedSince = 0;
  collector()();
}
