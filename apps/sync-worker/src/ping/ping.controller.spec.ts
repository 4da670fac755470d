import { WorkerInstance } from '../fleet/worker-instance';
import { PingController } from './ping.controller';

describe('PingController', () => {
  it('echoes the nonce and identifies the replica by the name it holds leases under', () => {
    const instance = new WorkerInstance();
    const controller = new PingController(instance);
    const first = controller.ping({ nonce: 'n1' });
    const second = controller.ping({});
    expect(first).toMatchObject({ service: 'sync-worker', nonce: 'n1', instanceId: instance.id });
    expect(instance.id).toMatch(/^worker-[0-9a-f-]{36}$/);
    expect(second.nonce).toBeNull();
    expect(second.instanceId).toBe(first.instanceId);
  });
});
