/** The housekeeping purge on PostgreSQL (`DATABASE_URL`): the same suite, the other SQL dialect. */
import { afterAll } from 'vitest';

import { postgresStores } from '../../../../test-support/postgres/postgres-stores.ts';
import { describeHousekeeping } from '../../../../test-support/server/housekeeping-suite.ts';

const stores = postgresStores();
afterAll(() => stores.stop());

describeHousekeeping('PostgreSQL', stores.store);
