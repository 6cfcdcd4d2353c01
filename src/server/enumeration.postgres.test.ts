/** Enumeration safety of registration on the built-in backend with its store on PostgreSQL. */
import { afterAll } from 'vitest';

import { postgresStores } from '../../test-support/postgres/postgres-stores.ts';
import { describeEnumerationSafety } from '../../test-support/server/enumeration-suite.ts';
import { postgresSignupServer } from '../../test-support/server/local-signup-server.ts';

const stores = postgresStores();
afterAll(() => stores.stop());

describeEnumerationSafety(postgresSignupServer(stores.store));
