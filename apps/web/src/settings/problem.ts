import { ApiError } from '../api/client';

/** The gateway's sentence when it gave one (it is written for people), else the section's own. */
export const problemOf = (error: unknown, fallback: string): string => (error instanceof ApiError ? error.message : fallback);
