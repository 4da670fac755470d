import { Provider } from '@nestjs/common';
import { GarminLinkStore } from '../garmin-link/garmin-link.store';
import { parseKeyring } from './keyring';
import { SecretCipher } from './secret-cipher';

/** The app's cipher (from its ENCRYPTION_KEYS) and the stores built on it. */
export function secretProviders(keyringSpec: string): Provider[] {
  return [
    { provide: SecretCipher, useFactory: () => new SecretCipher(parseKeyring(keyringSpec)) },
    { provide: GarminLinkStore, inject: [SecretCipher], useFactory: (cipher: SecretCipher) => new GarminLinkStore(cipher) },
  ];
}
