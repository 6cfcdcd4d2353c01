/** Enumeration safety on the Traccar backend: every registration branch calls Traccar, alike. */
import { describeEnumerationSafety } from '../../../../test-support/server/enumeration-suite.ts';
import { traccarSignupServer } from '../../../../test-support/traccar/traccar-test-server.ts';

describeEnumerationSafety(traccarSignupServer);
