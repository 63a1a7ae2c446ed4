// @ts-check
// The module child Node processes of the tests load first (NODE_OPTIONS=--import=…/install.mjs, set by
// vitest-setup.ts): the same guard as the test workers, recording refused attempts in COINSLOT_NO_NETWORK_LOG.
import { installNoNetworkGuard } from './guard.mjs';

installNoNetworkGuard();
