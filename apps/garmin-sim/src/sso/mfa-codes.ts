import { randomInt } from 'node:crypto';
import { Clock } from '../state/clock';

export const MFA_CODE_TTL_MS = 10 * 60 * 1000;
export const MFA_MAX_ATTEMPTS = 5;

export interface SentCode {
  email: string;
  code: string;
  sentAt: number;
  expiresAt: number;
  attemptsLeft: number;
}

export type MfaCheckFailure = 'invalid' | 'expired' | 'exhausted';
export type MfaCheck = { ok: true } | { ok: false; reason: MfaCheckFailure; attemptsLeft: number };

/** 6-digit codes "sent" by email; the mailbox is readable in dev mode only (GET /__sim/mfa/:email). */
export class MfaCodes {
  private readonly lastByEmail = new Map<string, SentCode>();

  constructor(private readonly clock: Clock) {}

  send(email: string): SentCode {
    const now = this.clock.now();
    const sent: SentCode = {
      email,
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      sentAt: now,
      expiresAt: now + MFA_CODE_TTL_MS,
      attemptsLeft: MFA_MAX_ATTEMPTS,
    };
    this.lastByEmail.set(email, sent);
    return sent;
  }

  lastSentTo(email: string): SentCode | undefined {
    return this.lastByEmail.get(email.toLowerCase());
  }

  check(email: string, code: string): MfaCheck {
    const sent = this.lastByEmail.get(email);
    if (!sent || sent.attemptsLeft <= 0) return { ok: false, reason: 'exhausted', attemptsLeft: 0 };
    if (sent.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired', attemptsLeft: sent.attemptsLeft };
    if (sent.code !== code) {
      sent.attemptsLeft -= 1;
      return {
        ok: false,
        reason: sent.attemptsLeft > 0 ? 'invalid' : 'exhausted',
        attemptsLeft: sent.attemptsLeft,
      };
    }
    this.lastByEmail.delete(email); // a code works once
    return { ok: true };
  }
}

/** `us*****@example.com`, as Garmin shows where the code went. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 2)}*****@${domain}`;
}
