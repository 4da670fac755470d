import { IsPort, ServiceConfig } from '../config/service-config';
import { addressOf, DependencyUnavailableError, describeStartupFailure } from './startup-failure';

class Config extends ServiceConfig {
  @IsPort()
  PORT = 1;
}

describe('describeStartupFailure', () => {
  const config = Object.assign(new Config(), { DATABASE_URL: 'postgres://app:s3cret@db.internal:6543/app' });

  it('names PostgreSQL by host and port for a refused connection, without the password', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6543'), { code: 'ECONNREFUSED' });
    const message = describeStartupFailure(refused, config);
    expect(message).toContain('PostgreSQL is unreachable at db.internal:6543 (DATABASE_URL)');
    expect(message).not.toContain('s3cret');
  });

  it('passes a dependency error through', () => {
    const error = new DependencyUnavailableError('NATS', '127.0.0.1:4222', 'NATS_URL', 'Start it.');
    expect(describeStartupFailure(error, config)).toBe('NATS is unreachable at 127.0.0.1:4222 (NATS_URL). Start it.');
  });

  it('masks credentials in any other message', () => {
    const message = describeStartupFailure(new Error('bad postgres://app:s3cret@db/app'), config);
    expect(message).not.toContain('s3cret');
  });

  it('reduces URLs to host:port', () => {
    expect(addressOf('nats://user:pw@nats.local:4222,nats://other:4222')).toBe('nats.local:4222');
  });
});
