/** Enumeration safety of registration on the built-in backend (the Navixy run is `backends/navixy/enumeration.test.ts`). */
import { describeEnumerationSafety } from './testing/enumeration-suite.ts';
import { localSignupServer } from './testing/local-signup-server.ts';

describeEnumerationSafety(localSignupServer);
