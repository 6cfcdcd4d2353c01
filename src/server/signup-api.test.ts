/** The shared behavioural suite on the built-in backend (the Navixy run is `backends/navixy/signup-api.test.ts`). */
import { localSignupServer } from './testing/local-signup-server.ts';
import { describeSignupApi } from './testing/signup-api-suite.ts';

describeSignupApi(localSignupServer);
