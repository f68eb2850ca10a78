// Loaded into the server processes that tests start on PostgreSQL (NODE_OPTIONS=--import): the same watch
// as pg-warnings.ts keeps in the test process, printed as one line the test process turns into a warning
// that fails the test. Only the statement's text is printed (placeholders, never values).
import pg from 'pg';

export const MARKER = 'PG-QUERY-WHILE-ANOTHER-RUNS';

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  if (this._activeQuery || this._queryQueue.length > 0) {
    const config = args[0];
    process.stderr.write(`${MARKER} ${String(typeof config === 'string' ? config : config?.text).slice(0, 120).replace(/\s+/g, ' ')}\n`);
  }
  return query.apply(this, args);
};
