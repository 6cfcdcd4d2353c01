/** Fuzzing on the contract backend, against the reference platform. */
import { platformSignupServer } from '../../../../test-support/platform/platform-signup-server.ts';
import { describeFuzzing } from '../../../../test-support/server/fuzz-suite.ts';

describeFuzzing(platformSignupServer);
