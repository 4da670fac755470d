import { Injectable } from '@nestjs/common';
import { MetricsService } from '@fittrack/app-core';
import { GarminError, GarminErrorCode } from '@fittrack/garmin';
import { Counter } from 'prom-client';
import { AuthErrorCode } from './auth.errors';
import { LimitExceededError } from '../limits/limit-exceeded.error';

export const SignInOutcome = {
  SignedIn: 'signed_in',
  MfaRequired: 'mfa_required',
  InvalidCredentials: 'invalid_credentials',
  InvalidMfaCode: 'invalid_mfa_code',
  ChallengeOver: 'challenge_over',
  AccountLocked: 'account_locked',
  GarminRateLimited: 'garmin_rate_limited',
  CaptchaRequired: 'captcha_required',
  GarminUnavailable: 'garmin_unavailable',
  Limited: 'limited',
  Error: 'error',
} as const;
export type SignInOutcome = (typeof SignInOutcome)[keyof typeof SignInOutcome];

const OUTCOME_OF_GARMIN: Record<GarminErrorCode, SignInOutcome> = {
  [GarminErrorCode.InvalidCredentials]: SignInOutcome.InvalidCredentials,
  [GarminErrorCode.InvalidMfaCode]: SignInOutcome.InvalidMfaCode,
  [GarminErrorCode.MfaExpired]: SignInOutcome.ChallengeOver,
  [GarminErrorCode.AccountLocked]: SignInOutcome.AccountLocked,
  [GarminErrorCode.RateLimited]: SignInOutcome.GarminRateLimited,
  [GarminErrorCode.CaptchaRequired]: SignInOutcome.CaptchaRequired,
  [GarminErrorCode.Unavailable]: SignInOutcome.GarminUnavailable,
  [GarminErrorCode.SessionRejected]: SignInOutcome.GarminUnavailable,
  [GarminErrorCode.Protocol]: SignInOutcome.GarminUnavailable,
};

/** `garmin_sign_ins_total{step, outcome}` at /metrics: how linking goes, without a single identity in it. */
@Injectable()
export class SignInMetrics {
  private readonly counter: Counter<'step' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.counter = new Counter({
      name: 'garmin_sign_ins_total',
      help: 'Garmin sign-in steps (password, mfa) by outcome',
      labelNames: ['step', 'outcome'],
      registers: [metrics.registry],
    });
  }

  record(step: 'password' | 'mfa', outcome: SignInOutcome): void {
    this.counter.inc({ step, outcome });
  }

  /** The outcome a failed step counts as. */
  recordFailure(step: 'password' | 'mfa', error: unknown): void {
    this.record(step, outcomeOf(error));
  }
}

function outcomeOf(error: unknown): SignInOutcome {
  if (error instanceof GarminError) return OUTCOME_OF_GARMIN[error.code];
  if (error instanceof LimitExceededError) return SignInOutcome.Limited;
  const code = (error as { code?: string } | null)?.code;
  if (code === AuthErrorCode.InvalidMfaCode) return SignInOutcome.InvalidMfaCode;
  if (code === AuthErrorCode.ChallengeOver || code === AuthErrorCode.ChallengeExpired) return SignInOutcome.ChallengeOver;
  return SignInOutcome.Error;
}
