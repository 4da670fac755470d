import { headers } from 'nats';
import { callerIdentity, describeCaller, REQUEST_INFO_HEADER } from './caller-identity';

function withInfo(value: string) {
  const h = headers();
  h.set(REQUEST_INFO_HEADER, value);
  return h;
}

describe('callerIdentity', () => {
  it('reads the account, user and connection name nats-server 2.9.10 shares', () => {
    // Captured from /usr/sbin/nats-server 2.9.10, a PLATFORM user calling through a `share: true` import.
    const info =
      '{"start":"2026-12-02T06:06:10.379Z","host":"127.0.0.1","id":7,"acc":"PLATFORM","user":"platform","name":"billing-1","lang":"nats.js","ver":"2.29.3","rtt":878354,"server":"NB5N","kind":"Client","client_type":"nats"}';
    const caller = callerIdentity(withInfo(info));
    expect(caller).toEqual({ account: 'PLATFORM', user: 'platform', connectionName: 'billing-1' });
    expect(describeCaller(caller)).toBe('account=PLATFORM user=platform name="billing-1"');
  });

  it('says when the import does not share the user (only acc and rtt are sent)', () => {
    expect(describeCaller(callerIdentity(withInfo('{"acc":"OPS","rtt":650846}')))).toBe('account=OPS user=(not shared)');
  });

  it('calls a request without the header one from the serving account, and survives a broken header', () => {
    expect(callerIdentity(undefined)).toEqual({ account: null });
    expect(callerIdentity(withInfo('not json'))).toEqual({ account: null });
    expect(describeCaller({ account: null })).toBe('account=(own) user=(unknown)');
  });

  it('quotes what could break a log line', () => {
    const line = describeCaller(callerIdentity(withInfo(JSON.stringify({ acc: 'A\nB', user: 'u', name: 'x"\n'.repeat(40) }))));
    expect(line).not.toContain('\n');
    expect(line.startsWith('account="A\\nB" user=u name="x\\"\\n')).toBe(true);
  });
});
