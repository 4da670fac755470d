import { Injectable } from '@nestjs/common';
import { DomainError, MetricsService } from '@fittrack/app-core';
import { GarminErrorCode } from '@fittrack/garmin';
import { Counter } from 'prom-client';
import { AuthErrorCode } from './auth.errors';
import { LimitErrorCode } from '../limits/limit-exceeded.error';

export const SignInOutcome = {
  SignedIn: 'signed_in',
  MfaRequired: 'mfa_required',
  InvalidCredentials: 'invalid_credentials',
  InvalidMfaCode: 'invalid_mfa_code',
  ChallengeOver: 'challenge_over',
  EdgeRefused: 'edge_refused',
  GarminRateLimited: 'garmin_rate_limited',
  CoolingDown: 'cooling_down',
  BadTokenFile: 'bad_token_file',
  SessionRejected: 'session_rejected',
  GarminUnavailable: 'garmin_unavailable',
  Limited: 'limited',
  Error: 'error',
} as const;
export type SignInOutcome = (typeof SignInOutcome)[keyof typeof SignInOutcome];

export type SignInStep = 'password' | 'mfa' | 'import';

const OUTCOME_OF_CODE: Record<string, SignInOutcome> = {
  [GarminErrorCode.InvalidCredentials]: SignInOutcome.InvalidCredentials,
  [GarminErrorCode.InvalidMfaCode]: SignInOutcome.InvalidMfaCode,
  [GarminErrorCode.MfaExpired]: SignInOutcome.ChallengeOver,
  [GarminErrorCode.EdgeRefused]: SignInOutcome.EdgeRefused,
  [GarminErrorCode.RateLimited]: SignInOutcome.GarminRateLimited,
  [GarminErrorCode.BadTokenFile]: SignInOutcome.BadTokenFile,
  [GarminErrorCode.SessionRejected]: SignInOutcome.SessionRejected,
  [GarminErrorCode.Unavailable]: SignInOutcome.GarminUnavailable,
  [GarminErrorCode.Protocol]: SignInOutcome.GarminUnavailable,
  [AuthErrorCode.InvalidMfaCode]: SignInOutcome.InvalidMfaCode,
  [AuthErrorCode.ChallengeOver]: SignInOutcome.ChallengeOver,
  [AuthErrorCode.ChallengeExpired]: SignInOutcome.ChallengeOver,
  [AuthErrorCode.CoolingDown]: SignInOutcome.CoolingDown,
  [LimitErrorCode.TooManyAttempts]: SignInOutcome.Limited,
};

/**
 * At /metrics, without a single identity in them:
 * `garmin_sign_ins_total{step, outcome}`, how linking goes, and
 * `garmin_sign_ins_via_total{via}`, which way in linked the accounts (a sign-in strategy, or import).
 */
@Injectable()
export class SignInMetrics {
  private readonly outcomes: Counter<'step' | 'outcome'>;
  private readonly ways: Counter<'via'>;

  constructor(metrics: MetricsService) {
    this.outcomes = new Counter({
      name: 'garmin_sign_ins_total',
      help: 'Garmin sign-in steps (password, mfa, import) by outcome',
      labelNames: ['step', 'outcome'],
      registers: [metrics.registry],
    });
    this.ways = new Counter({
      name: 'garmin_sign_ins_via_total',
      help: 'Garmin accounts linked, by the way in that worked (a sign-in strategy, or import)',
      labelNames: ['via'],
      registers: [metrics.registry],
    });
  }

  record(step: SignInStep, outcome: SignInOutcome, via?: string): void {
    this.outcomes.inc({ step, outcome });
    if (via) this.ways.inc({ via });
  }

  /** The outcome a failed step counts as. */
  recordFailure(step: SignInStep, error: unknown): void {
    this.record(step, (error instanceof DomainError && OUTCOME_OF_CODE[error.code]) || SignInOutcome.Error);
  }
}
