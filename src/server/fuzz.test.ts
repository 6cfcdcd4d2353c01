/** Fuzzing on the built-in backend (the Navixy run is `backends/navixy/fuzz.test.ts`). */
import { describeFuzzing } from '../../test-support/server/fuzz-suite.ts';
import { localSignupServer } from '../../test-support/server/local-signup-server.ts';

describeFuzzing(localSignupServer);
