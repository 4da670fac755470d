import { maskEmail, MfaCheckFailure } from './mfa-codes';

type Status = { type: string; message: string; httpStatus: string };

/** The JSON body of /mobile/api/login and /mfa/verifyCode, with every key of the recordings. */
export function mobileAnswer(status: Status, extra: Partial<Record<string, unknown>> = {}) {
  return {
    serviceURL: null,
    serviceTicketId: null,
    responseStatus: status,
    responseReason: null,
    customerMfaInfo: null,
    consentTypeList: null,
    captchaAlreadyPassed: false,
    samlResponse: null,
    authType: null,
    ...extra,
  };
}

export const successful = (service: string, ticket: string) =>
  mobileAnswer({ type: 'SUCCESSFUL', message: '', httpStatus: 'OK' }, { serviceURL: service, serviceTicketId: ticket, authType: 'CAS' });

/** Recorded (test_login_success_mfa #1). `mfaLastMethodUsed` for an authenticator app ("totp") is assumed. */
export const mfaRequired = (email: string, method = 'email') =>
  mobileAnswer(
    { type: 'MFA_REQUIRED', message: '', httpStatus: 'OK' },
    {
      consentTypeList: [],
      customerMfaInfo: {
        email: maskEmail(email),
        phoneNumber: null,
        mfaLastMethodUsed: method,
        defaultMfaMethod: null,
        mfaUISetting: {
          allowPhoneOption: true,
          allowAddEmailAddress: false,
          chooseDifferentWayShown: false,
        },
      },
    },
  );

/** Recorded (garth `test_login_email_password_fail`): HTTP 401. An unknown email gets the very same answer. */
export const invalidCredentials = () =>
  mobileAnswer({
    type: 'INVALID_USERNAME_PASSWORD',
    message: 'generalLoginInvalidUsernameOrPassword',
    httpStatus: 'UNAUTHORIZED',
  });

/**
 * Assumed (no recording): HTTP 423 with the Spring status name in `httpStatus`,
 * the way the recorded 401 names UNAUTHORIZED.
 */
export const accountLocked = () =>
  mobileAnswer({
    type: 'ACCOUNT_LOCKED',
    message: 'accountLocked',
    httpStatus: 'LOCKED',
  });

/** Assumed: a challenge step like MFA_REQUIRED (HTTP 200); the client must come back with a captchaToken. */
export const captchaRequired = () =>
  mobileAnswer({
    type: 'CAPTCHA_REQUIRED',
    message: 'captchaRequired',
    httpStatus: 'OK',
  });

/** Assumed: verifyCode without the login's SESSION cookie (or after the MFA step died). */
export const sessionExpired = () =>
  mobileAnswer({
    type: 'SESSION_EXPIRED',
    message: 'sessionExpired',
    httpStatus: 'UNAUTHORIZED',
  });

/**
 * A rejected MFA code. The types are our assumption (protocol §A.2.3); the
 * messages are the keys of Garmin's message bundle.
 */
const MFA_FAILURES: Record<MfaCheckFailure, [type: string, message: string]> = {
  invalid: ['INVALID_MFA_CODE', 'codeEntryInvalid'],
  expired: ['MFA_CODE_EXPIRED', 'codeEntryExpired'],
  exhausted: ['MFA_MAX_ATTEMPTS', 'codeEntryMaxLimit'],
};

export function mfaFailure(reason: MfaCheckFailure, attemptsLeft: number) {
  const [type, message] = MFA_FAILURES[reason];
  return mobileAnswer({ type, message, httpStatus: 'UNAUTHORIZED' }, { responseReason: `attemptsLeft=${attemptsLeft}` });
}

/**
 * Today profile: a verify answer that is not SUCCESSFUL (wrong, expired or exhausted code, no
 * session). Nothing is recorded, so it is minimal and names nothing (assumed): a client may only
 * conclude "code not accepted" (pgc client.py:1239-1259 never reads the failure type).
 */
export const unaccepted = () => ({});
