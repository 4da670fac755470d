import { ConfigValidationError, validateConfig } from '@fittrack/app-core';
import { GatewayConfig } from './gateway.config';

describe('GatewayConfig', () => {
  it('defaults to port 3000 and a 64 KiB body limit', () => {
    const config = validateConfig('auth-gateway', GatewayConfig, {});
    expect(config.PORT).toBe(3000);
    expect(config.HTTP_BODY_LIMIT).toBe(65536);
  });

  it('names HTTP_BODY_LIMIT when it is out of range', () => {
    expect(() => validateConfig('auth-gateway', GatewayConfig, { HTTP_BODY_LIMIT: '12' })).toThrow(ConfigValidationError);
    expect(() => validateConfig('auth-gateway', GatewayConfig, { HTTP_BODY_LIMIT: '12' })).toThrow(/HTTP_BODY_LIMIT/);
  });
});
