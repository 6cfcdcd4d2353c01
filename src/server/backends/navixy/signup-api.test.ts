/** The shared behavioural suite on the Navixy backend, against the Navixy-compatible test platform. */
import { describeSignupApi } from '../../../../test-support/server/signup-api-suite.ts';
import { navixySignupServer } from '../../../../test-support/navixy/navixy-test-server.ts';

describeSignupApi(navixySignupServer);
