import { IsISO8601, IsObject, IsUUID } from 'class-validator';

/** garmin.rpc.user.delete: an operator deletes a user and everything of theirs. */
export class UserDeleteRequest {
  @IsUUID()
  userId!: string;
}

/** What a deletion removed: rows per table (0 where the user had none), and when. */
export interface UserDeletedView {
  userId: string;
  deletedAt: string;
  removed: Record<string, number>;
}

/**
 * garmin.events.user.deleted: a user and their data are gone (written to the outbox in the deletion's
 * transaction). A platform service drops what it keeps of the user. A class, so a receiver can validate it.
 */
export class UserDeletedEvent implements UserDeletedView {
  @IsUUID()
  userId!: string;

  @IsISO8601()
  deletedAt!: string;

  @IsObject()
  removed!: Record<string, number>;
}
