/** The shared behavioural suite on the contract backend, against the reference platform. */
import { platformSignupServer } from '../../../../test-support/platform/platform-signup-server.ts';
import { describeSignupApi } from '../../../../test-support/server/signup-api-suite.ts';

describeSignupApi(platformSignupServer);
