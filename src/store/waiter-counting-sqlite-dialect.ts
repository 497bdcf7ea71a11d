import { type Driver, SqliteDialect } from 'kysely';

/**
 * kysely's SQLite dialect (one connection behind a lock), counting who waits
 * for that connection right now: the group commit (sqlite-group-commit.ts)
 * closes its batch early when a read, a migration or any other user of the
 * connection is waiting, so batching never holds them up for long.
 */
export class WaiterCountingSqliteDialect extends SqliteDialect {
  /** Callers of `acquireConnection` that do not have the connection yet. */
  waiting = 0;

  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      this.waiting++;
      try {
        return await acquire();
      } finally {
        this.waiting--;
      }
    };
    return driver;
  }
}
