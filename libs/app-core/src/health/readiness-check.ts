/**
 * A dependency the service cannot work without. `check` resolves when the
 * dependency answers and rejects (with a reason that holds no secret) when not.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** Multi-provider token under which modules register their readiness checks. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
