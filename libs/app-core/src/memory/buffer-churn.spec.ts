import { setTimeout as tick } from 'node:timers/promises';
import { bufferChurned } from './buffer-churn';

const MB = 1024 * 1024;

describe('bufferChurned', () => {
  it('collects once 8 MB have been counted, across calls, without --expose-gc on the command line', async () => {
    // A WeakRef keeps its target through the job that made it: look again from a later one.
    let ref = new WeakRef({ garbage: Buffer.alloc(1024) });
    await tick(0);
    bufferChurned(8 * MB);
    expect(ref.deref()).toBeUndefined();

    ref = new WeakRef({ garbage: Buffer.alloc(1024) });
    await tick(0);
    bufferChurned(5 * MB);
    bufferChurned(3 * MB);
    expect(ref.deref()).toBeUndefined();
  });
});
