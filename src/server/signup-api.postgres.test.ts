/** The shared behavioural suite on the built-in backend with its store on PostgreSQL (`DATABASE_URL`). */
import { afterAll } from 'vitest';

import { postgresStores } from '../../test-support/postgres/postgres-stores.ts';
import { postgresSignupServer } from '../../test-support/server/local-signup-server.ts';
import { describeSignupApi } from '../../test-support/server/signup-api-suite.ts';

const stores = postgresStores();
afterAll(() => stores.stop());

describeSignupApi(postgresSignupServer(stores.store));
