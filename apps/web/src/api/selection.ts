import type { DataKind, SyncSelectionView } from '@fittrack/contracts';
import { api } from './client';

/** GET /v1/sync/selection (README, "What is synced"): the deployment default, the caller's override, the kinds their devices lack, the catalog. */
export const getSelection = () => api<SyncSelectionView>('GET', '/v1/sync/selection');

/** The caller's own selection from the next job on; the gateway refuses (400) an empty list or a name outside the catalog. */
export const saveSelection = (kinds: DataKind[]) => api<SyncSelectionView>('PUT', '/v1/sync/selection', { body: { kinds } });

/** Back to the deployment's default (idempotent). */
export const resetSelection = () => api<SyncSelectionView>('DELETE', '/v1/sync/selection');
