import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Min } from 'class-validator';
import { DataEventSubject } from './subjects';

const DATA_EVENT_SUBJECTS = Object.values(DataEventSubject);

/**
 * garmin.rpc.changes.consumer: a platform service's own durable pull consumer of the GARMIN_DATA stream,
 * made by the gateway (so a platform credential never creates consumers itself, and cannot make a push
 * consumer that delivers into our subjects). Idempotent: an existing consumer is kept as it is, with its
 * position; the start options only apply to a new one.
 */
export class ChangeConsumerRequest {
  /** The durable name (the service's own; the same name again is the same consumer). */
  @Matches(/^[A-Za-z0-9_-]{1,48}$/, { message: 'name must be 1 to 48 letters, digits, - or _' })
  name!: string;

  /** Start at this stream sequence (replay from a point); without a start, from the oldest event kept. */
  @IsOptional()
  @IsInt()
  @Min(1)
  startSequence?: number;

  /** Start at the first event stored at or after this time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startTime must be an ISO 8601 time' })
  startTime?: string;

  /** Only the events of one store (subject); all of them without it. */
  @IsOptional()
  @IsIn(DATA_EVENT_SUBJECTS, { message: `subject must be one of: ${DATA_EVENT_SUBJECTS.join(', ')}` })
  subject?: DataEventSubject;
}

export interface ChangeConsumerView {
  /** The stream and consumer to pull from ($JS.API.CONSUMER.MSG.NEXT.<stream>.<consumer>). */
  stream: string;
  consumer: string;
  /** Events it has not been delivered yet. */
  pending: number;
  created: boolean;
}
