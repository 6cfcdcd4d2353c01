/** Enumeration safety of registration on the Navixy backend, against the test platform. */
import { describeEnumerationSafety } from '../../testing/enumeration-suite.ts';
import { navixySignupServer } from './testing/navixy-test-server.ts';

describeEnumerationSafety(navixySignupServer);
