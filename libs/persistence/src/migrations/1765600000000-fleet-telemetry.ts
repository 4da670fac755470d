import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the operator console shows of the fleet over time, which per-process Prometheus counters cannot: Garmin
 * requests, 429s, failures and cooldowns started, per minute and per kind of process (a worker adds its tally
 * every few seconds, so every replica's requests land in the same rows), kept for a week; and the worker replicas
 * alive, each upserting its heartbeat under the identity it takes leases with.
 */
export class FleetTelemetry1765600000000 implements MigrationInterface {
  name = 'FleetTelemetry1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE TABLE "upstream_minutes" (
  "minute" TIMESTAMP WITH TIME ZONE NOT NULL,
  "source" text NOT NULL,
  "requests" integer NOT NULL DEFAULT 0,
  "throttled" integer NOT NULL DEFAULT 0,
  "failed" integer NOT NULL DEFAULT 0,
  "cooldowns_started" integer NOT NULL DEFAULT 0,
  CONSTRAINT "ck_upstream_minutes_minute" CHECK ("minute" = date_trunc('minute', "minute")),
  CONSTRAINT "pk_upstream_minutes" PRIMARY KEY ("minute", "source"))`,
  `CREATE TABLE "worker_heartbeats" (
  "worker_id" text NOT NULL,
  "host" text NOT NULL,
  "pid" integer NOT NULL,
  "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  CONSTRAINT "pk_worker_heartbeats" PRIMARY KEY ("worker_id"))`,
];

const DOWN = [`DROP TABLE "worker_heartbeats"`, `DROP TABLE "upstream_minutes"`];
