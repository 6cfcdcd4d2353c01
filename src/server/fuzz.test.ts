/** Fuzzing on the built-in backend (the Navixy run is `backends/navixy/fuzz.test.ts`). */
import { describeFuzzing } from './testing/fuzz-suite.ts';
import { localSignupServer } from './testing/local-signup-server.ts';

describeFuzzing(localSignupServer);
