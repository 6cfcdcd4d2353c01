/** Enumeration safety of registration on the Navixy backend, against the test platform. */
import { describeEnumerationSafety } from '../../../../test-support/server/enumeration-suite.ts';
import { navixySignupServer } from '../../../../test-support/navixy/navixy-test-server.ts';

describeEnumerationSafety(navixySignupServer);
