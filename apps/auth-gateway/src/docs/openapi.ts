import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, generated from the controllers and DTOs, at /docs (UI) and /docs/json. */
export function serveApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('FitTrack Garmin Sync')
      .setDescription(
        'Link a Garmin Connect account (with the password and MFA, or from the Garmin tokens you already have), then sync its data. ' +
          'Errors: { statusCode, error, message, code? }; refused sign-ins add cooldownUntil and Retry-After.',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description:
          'an access token from /v1/auth/login, /mfa, /import or /refresh; or a personal access token (fgs_pat_…, from POST /v1/auth/tokens), ' +
          'which reads data only: routes that change anything answer it 403 PERSONAL_TOKEN_READ_ONLY',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json', yamlDocumentUrl: 'docs/yaml' });
}
