/** The shared behavioural suite on the Navixy backend, against the Navixy-compatible test platform. */
import { describeSignupApi } from '../../testing/signup-api-suite.ts';
import { navixySignupServer } from './testing/navixy-test-server.ts';

describeSignupApi(navixySignupServer);
