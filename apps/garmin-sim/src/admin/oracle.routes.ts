import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { daysBetween, isCalendarDate } from '../data/calendar';
import { buildOracle } from '../data/oracle/build-oracle';
import { Account } from '../state/accounts';
import { SimState } from '../state/sim-state';

/** The oracle spans at most ten years. */
export const ORACLE_MAX_DAYS = 3650;

/** What the generated data holds (the oracle) and the archive reloads asked for, per account (dev mode only). */
export function registerDataAdminRoutes(app: FastifyInstance, state: SimState): void {
  const accountOf = (request: FastifyRequest, reply: FastifyReply): Account | undefined => {
    const account = state.accounts.findByEmail((request.params as { email: string }).email);
    if (!account) void reply.code(404).send({ message: 'no such account' });
    return account;
  };

  app.get('/__sim/accounts/:email/oracle', async (request, reply) => {
    const account = accountOf(request, reply);
    if (!account) return reply;
    const { from, to } = request.query as Record<string, string | undefined>;
    if (!isCalendarDate(from) || !isCalendarDate(to)) return reply.code(400).send({ message: 'from and to must be YYYY-MM-DD' });
    const span = daysBetween(from, to) + 1;
    if (span < 1) return reply.code(400).send({ message: 'to is before from' });
    if (span > ORACLE_MAX_DAYS) return reply.code(400).send({ message: `the range may span at most ${ORACLE_MAX_DAYS} days` });
    return buildOracle(account, state.data, from, to);
  });

  app.get('/__sim/accounts/:email/reloads', async (request, reply) => {
    const account = accountOf(request, reply);
    if (!account) return reply;
    return {
      requests: state.data.archive.requestsOf(account.profileId),
      today: state.data.archive.countToday(account.profileId),
      allowancePerDay: state.config.SIM_RELOADS_PER_DAY,
    };
  });
}
