import { BlockList, isIP } from 'node:net';

/**
 * Loopback, private, link-local, carrier-grade NAT and unspecified addresses: never a public service.
 * BlockList matches IPv4-mapped IPv6 (`[::ffff:127.0.0.1]`, parsed as `[::ffff:7f00:1]`) against the IPv4 rules.
 */
const LOCAL_ADDRESSES = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  LOCAL_ADDRESSES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) {
  LOCAL_ADDRESSES.addSubnet(network, prefix, 'ipv6');
}

/** Names that only ever resolve inside a machine or a private network (RFC 2606, 6761, 6762, 8375). */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.localdomain', '.test', '.example', '.invalid', '.internal', '.lan', '.home.arpa'];

/** The simulator's names: the compose service, and what its docs and scripts call it. */
const SIMULATOR_NAMES = ['garmin-sim', 'garmin-simulator'];

/**
 * Why a URL's host is local rather than a public service (undefined when it is public): what production
 * refuses for an upstream it sends passwords and tokens to. A name without a dot is a container or
 * intranet name, since every public host has one.
 */
export function localHostReason(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const family = isIP(host);
  if (family !== 0) {
    return LOCAL_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6') ? 'a loopback or private address' : undefined;
  }
  if (host.split('.').some((label) => SIMULATOR_NAMES.includes(label))) return 'the Garmin simulator';
  if (host === 'localhost' || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'a local-only name';
  if (!host.includes('.')) return 'a container or intranet name';
  return undefined;
}
