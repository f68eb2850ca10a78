// The watch on pg clients of the PostgreSQL tests: a query sent to a client still running another becomes a
// process warning (pg itself warns only from the third query in flight, and once per process; its private
// state is read here: this is a test). The test process loads it from pg-warnings.ts; the server processes
// the tests start load it with NODE_OPTIONS=--import, and Node prints their warnings to stderr, where
// server-process.ts reads them. Only the statement's text is in the warning (placeholders, never values).
import pg from 'pg';

/** What pg's own warning and this one say. */
export const CONCURRENT_QUERY = /already executing a query/;

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  // A query that has not started (pg's connect still pending) is not in flight either.
  if (this._activeQuery || this._queryQueue.length > 0) {
    const config = args[0];
    const text = String(typeof config === 'string' ? config : config?.text).slice(0, 120).replace(/\s+/g, ' ');
    process.emitWarning(`a query sent to a pg client already executing a query: ${text}`);
  }
  return query.apply(this, args);
};
