/** Enumeration safety on the contract backend, against the reference platform. */
import { platformSignupServer } from '../../../../test-support/platform/platform-signup-server.ts';
import { describeEnumerationSafety } from '../../../../test-support/server/enumeration-suite.ts';

describeEnumerationSafety(platformSignupServer);
