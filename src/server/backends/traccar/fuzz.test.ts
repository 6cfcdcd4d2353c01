/** Fuzzing on the Traccar backend: a working Traccar behind it, so no answer may be a 5xx. */
import { describeFuzzing } from '../../../../test-support/server/fuzz-suite.ts';
import { traccarSignupServer } from '../../../../test-support/traccar/traccar-test-server.ts';

// Half the built-in backend's 1,000: the request checks in front of the backend are the same code,
// fuzzed there in full; hundreds of bodies per endpoint still reach Traccar.
describeFuzzing(traccarSignupServer, { bodiesPerEndpoint: 500 });
