/** Enumeration safety of registration on the built-in backend (the Navixy run is `backends/navixy/enumeration.test.ts`). */
import { describeEnumerationSafety } from '../../test-support/server/enumeration-suite.ts';
import { localSignupServer } from '../../test-support/server/local-signup-server.ts';

describeEnumerationSafety(localSignupServer);
