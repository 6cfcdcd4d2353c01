/** The shared behavioural suite on the Traccar backend, against the Traccar test server. */
import { describeSignupApi } from '../../../../test-support/server/signup-api-suite.ts';
import { traccarSignupServer } from '../../../../test-support/traccar/traccar-test-server.ts';

describeSignupApi(traccarSignupServer);
