import { Provider } from '@nestjs/common';
import { ConnectApi, ConnectApiOptions } from '@fittrack/garmin';
import { WorkerConfig } from '../config/worker.config';

/** Makes the Garmin Connect client a job reads through (the one seam JobRunner's spec mocks). */
export type GarminApiFactory = (options: ConnectApiOptions) => ConnectApi;

/** The Nest token JobRunner's Garmin client factory is injected under. */
export const GARMIN_API_FACTORY = Symbol('GARMIN_API_FACTORY');

/** The real one: the Garmin library's client, on the worker's Garmin hosts. */
export const garminApiProvider: Provider = {
  provide: GARMIN_API_FACTORY,
  inject: [WorkerConfig],
  useFactory:
    (config: WorkerConfig): GarminApiFactory =>
    (options) =>
      new ConnectApi(config.garmin, options),
};
