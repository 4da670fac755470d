import { SetMetadata } from '@nestjs/common';

export const READ_SCOPE = 'fittrack:read-scope';

/**
 * Marks a route (or a controller) as one a personal access token may call: it only reads the caller's data.
 * Every other route behind BearerGuard answers such a token 403.
 */
export const ReadScope = () => SetMetadata(READ_SCOPE, true);
