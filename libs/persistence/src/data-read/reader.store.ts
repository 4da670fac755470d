import { EntityManager } from 'typeorm';

/** Whose data a platform service asks for: a read for a user who does not exist is a NOT_FOUND, not an empty list. */
export class ReaderStore {
  async exists(manager: EntityManager, userId: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM users WHERE id = $1`, [userId])).length === 1;
  }
}
