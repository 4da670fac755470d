import type { FastifyInstance } from 'fastify';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest, sendGarmin } from './helpers';

/** Heart-rate zone fields a PUT element must carry (recorded request body, garth test_put.yaml #0). */
const ZONE_FIELDS = ['trainingMethod', 'sport', 'zone1Floor', 'zone2Floor', 'zone3Floor', 'zone4Floor', 'zone5Floor'] as const;

/** Activity upload and the heart-rate zones PUT (writes whose answers are recorded). */
export async function registerUploadRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  let nextUploadId = 212_157_427_938;
  await app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    // Recorded: garth test_upload.yaml: multipart with the file → 202 `application/json` detailedImportResult.
    scope.post('/upload-service/upload', async (request, reply) => {
      const account = accountFor(state, request, reply);
      if (!account) return reply;
      const body = request.body;
      if (!Buffer.isBuffer(body)) return badRequest(reply, 'a multipart/form-data body with a file is required');
      const head = body.subarray(0, 4096).toString('latin1');
      const fileName = /filename="([^"]+)"/.exec(head)?.[1];
      if (!fileName) return badRequest(reply, 'the multipart body holds no file');
      const uploadId = nextUploadId++;
      const now = new Date(state.clock.now()).toISOString().replace('T', ' ').replace('Z', ' GMT');
      return sendGarmin(reply.code(202), 'application/json', {
        detailedImportResult: {
          uploadId,
          uploadUuid: { uuid: `00000000-0000-4000-8000-${String(uploadId).padStart(12, '0').slice(-12)}` },
          owner: account.profileId,
          fileSize: body.length,
          processingTime: 36,
          creationDate: now,
          ipAddress: null,
          fileName,
          report: null,
          successes: [],
          failures: [],
        },
      });
    });
  });

  // Recorded: garth test_put.yaml #0: PUT a list of zone sets → 204 with `application/json;charset=UTF-8` and no body.
  app.put('/biometric-service/heartRateZones', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const body = request.body;
    if (!Array.isArray(body) || body.length === 0) return badRequest(reply, 'a non-empty list of heart-rate zone sets is required');
    for (const [i, zone] of body.entries()) {
      const missing = ZONE_FIELDS.filter((f) => (zone as Record<string, unknown>)?.[f] === undefined);
      if (missing.length) return badRequest(reply, `zone set ${i} lacks ${missing.join(', ')}`);
    }
    return reply.code(204).header('content-type', 'application/json;charset=UTF-8').send();
  });
}
