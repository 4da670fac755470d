import { PingController } from './ping.controller';

describe('PingController', () => {
  it('echoes the nonce and identifies the replica', () => {
    const controller = new PingController();
    const first = controller.ping({ nonce: 'n1' });
    const second = controller.ping({});
    expect(first).toMatchObject({ service: 'sync-worker', nonce: 'n1' });
    expect(second.nonce).toBeNull();
    expect(second.instanceId).toBe(first.instanceId);
  });
});
