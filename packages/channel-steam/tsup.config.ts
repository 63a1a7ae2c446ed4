import { channelBuild } from '../../scripts/tsup-channel.js';

// Two entries: the client adapter (browser-safe, no secret) and the server driver (`/server`, Node: secrets live here).
export default channelBuild({ external: ['@coinslot/core', '@coinslot/server', '@coinslot/protocol'] });
