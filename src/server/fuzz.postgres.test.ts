/** Fuzzing on the built-in backend with its store on PostgreSQL. */
import { afterAll } from 'vitest';

import { postgresStores } from '../../test-support/postgres/postgres-stores.ts';
import { describeFuzzing } from '../../test-support/server/fuzz-suite.ts';
import { postgresSignupServer } from '../../test-support/server/local-signup-server.ts';

const stores = postgresStores();
afterAll(() => stores.stop());

describeFuzzing(postgresSignupServer(stores.store));
