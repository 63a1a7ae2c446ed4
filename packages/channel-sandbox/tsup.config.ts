import { channelBuild } from '../../scripts/tsup-channel.js';

// The client adapter only (the sandbox's driver is in @coinslot/server). @coinslot/core is a peer: it stays external
// so the adapter and the app share one copy of it.
export default channelBuild({ server: false, external: ['@coinslot/core'] });
