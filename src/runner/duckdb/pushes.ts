/**
 * What `kroll push` remembers in the DuckDB file: `_kroll_pushes`, one row per push, and
 * `_kroll_push_records`, one row per record Kroll answered, by destination (account and API
 * address) and the record's fingerprint (a hash of its content). A record answered as placed or
 * already with Kroll is not sent again to the same destination; a rejected one is, since it may
 * have been corrected (or the config may have been).
 *
 * Each answer is written as it arrives, in its own transaction: a push killed at any point has
 * recorded every answer it received but the one being written, and a record whose answer was not
 * recorded is sent again, where Kroll's duplicate rule keeps it from being placed twice.
 */
import { ident, type Database } from './database.js';

export const PUSHES_TABLE = '_kroll_pushes';
export const PUSH_RECORDS_TABLE = '_kroll_push_records';

/**
 * A record's final answer; `repeat` when an earlier record of the same push was the same order
 * (not sent again), `accepted` when the destination's log did not say which kind.
 */
export type PushOutcome = 'placed' | 'partially_placed' | 'repeat' | 'already_with_kroll' | 'accepted' | 'rejected';

export interface AnsweredRecord {
  fingerprint: string;
  orderId: string | null;
  outcome: PushOutcome;
  /** The destination's log line about it, if it sent one. */
  message: string | null;
  /** Where it was in the input ("orders.jsonl line 3"). */
  where: string;
}

export type PushStatus = 'succeeded' | 'failed' | 'interrupted';

export class PushHistory {
  private constructor(
    private readonly db: Database,
    /** The destination the records go to: "<account> at <API base URL>". */
    readonly destination: string,
  ) {}

  static async open(db: Database, destination: string): Promise<PushHistory> {
    await db.run(`
      CREATE TABLE IF NOT EXISTS ${PUSHES_TABLE} (
        push_id BIGINT PRIMARY KEY,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ,
        destination VARCHAR NOT NULL,
        input VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        counts JSON
      );
      CREATE TABLE IF NOT EXISTS ${PUSH_RECORDS_TABLE} (
        destination VARCHAR NOT NULL,
        fingerprint VARCHAR NOT NULL,
        order_id VARCHAR,
        outcome VARCHAR NOT NULL,
        message VARCHAR,
        input_position VARCHAR NOT NULL,
        push_id BIGINT NOT NULL,
        answered_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (destination, fingerprint)
      );`);
    return new PushHistory(db, destination);
  }

  /** Fingerprints of the records this destination has answered as placed or already with Kroll. */
  async accepted(): Promise<Set<string>> {
    const rows = await this.db.rows(`SELECT fingerprint FROM ${PUSH_RECORDS_TABLE} WHERE destination = $1 AND outcome <> 'rejected'`, [this.destination]);
    return new Set(rows.map((r) => String(r.fingerprint)));
  }

  /** Starts a push in the history; pushes left running by a killed process are marked interrupted. */
  async begin(input: string): Promise<number> {
    await this.db.run(`UPDATE ${PUSHES_TABLE} SET status = 'interrupted' WHERE status = 'running'`);
    const rows = await this.db.rows(`SELECT coalesce(max(push_id), 0) + 1 AS id FROM ${PUSHES_TABLE}`);
    const id = Number(rows[0]?.id ?? 1);
    await this.db.run(`INSERT INTO ${PUSHES_TABLE} (push_id, started_at, destination, input, status) VALUES ($1, now(), $2, $3, 'running')`, [
      id,
      this.destination,
      input,
    ]);
    return id;
  }

  /**
   * Records an answer. A record accepted before keeps its first answer (the push that placed it);
   * a rejected one takes the new answer.
   */
  async answered(pushId: number, record: AnsweredRecord): Promise<void> {
    const t = ident(PUSH_RECORDS_TABLE);
    await this.db.run(
      `INSERT INTO ${t} (destination, fingerprint, order_id, outcome, message, input_position, push_id, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (destination, fingerprint) DO UPDATE SET
         order_id = excluded.order_id, outcome = excluded.outcome, message = excluded.message,
         input_position = excluded.input_position, push_id = excluded.push_id, answered_at = excluded.answered_at
       WHERE ${t}.outcome = 'rejected'`,
      [this.destination, record.fingerprint, record.orderId, record.outcome, record.message, record.where, pushId],
    );
  }

  async end(pushId: number, status: PushStatus, counts: unknown): Promise<void> {
    await this.db.run(`UPDATE ${PUSHES_TABLE} SET finished_at = now(), status = $2, counts = $3 WHERE push_id = $1`, [pushId, status, JSON.stringify(counts)]);
  }
}
