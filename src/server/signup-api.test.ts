/** The shared behavioural suite on the built-in backend (the Navixy run is `backends/navixy/signup-api.test.ts`). */
import { localSignupServer } from '../../test-support/server/local-signup-server.ts';
import { describeSignupApi } from '../../test-support/server/signup-api-suite.ts';

describeSignupApi(localSignupServer);
