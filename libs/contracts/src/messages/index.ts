export * from './change-consumer-payloads';
export * from './data-events';
export * from './payload-map';
export * from './rpc-envelope';
export * from './rpc-payloads';
export * from './selection-payloads';
export * from './subjects';
