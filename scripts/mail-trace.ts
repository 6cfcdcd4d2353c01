/**
 * `npm run mail:trace -- <address>`: the timeline of every message to an address (queued, sent with
 * the receiving server's reply, deferred, failed, bounced…), from the server's own database.
 */
import { traceReport } from '../src/server/mail/operator-reports.ts';
import { operatorDatabase } from './mail-operator-db.ts';

const address = process.argv[2];
if (!address) {
	console.error('Usage: npm run mail:trace -- <address>');
	process.exit(2);
}
const db = await operatorDatabase();
console.log(await traceReport(db, address, Date.now()));
await db.close();
