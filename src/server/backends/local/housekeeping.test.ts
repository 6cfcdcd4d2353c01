/** The housekeeping purge on SQLite, the built-in backend's default store. */
import { describeHousekeeping } from '../../../../test-support/server/housekeeping-suite.ts';

describeHousekeeping('SQLite');
