/**
 * `npm run mail:suppressions`: the addresses the server does not mail for now (hard bounces,
 * complaints); `npm run mail:suppressions -- --lift <address>` mails it again.
 */
import { suppressionsReport } from '../src/server/mail/operator-reports.ts';
import { operatorDatabase } from './mail-operator-db.ts';

const db = await operatorDatabase();
const { text, ok } = await suppressionsReport(db, process.argv.slice(2), Date.now());
console.log(text);
await db.close();
process.exit(ok ? 0 : 1);
