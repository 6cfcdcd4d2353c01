/** Fuzzing on the Navixy backend: a working platform behind it, so no answer may be a 5xx. */
import { describeFuzzing } from '../../../../test-support/server/fuzz-suite.ts';
import { navixySignupServer } from '../../../../test-support/navixy/navixy-test-server.ts';

// Half the built-in backend's 1,000: the request checks in front of the backend are the same code,
// fuzzed there in full; hundreds of bodies per endpoint still reach the platform.
describeFuzzing(navixySignupServer, { bodiesPerEndpoint: 500 });
