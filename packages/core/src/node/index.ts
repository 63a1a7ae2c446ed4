// `@coinslot/core/node`: what only Node and the Electron main process can run. Browser bundles never import it.
export { createFileStorage } from './file-storage.js';
export type { JournalStorage, StorageEntry, StorageWrite } from '../storage/journal-storage.js';
export { loadersByConvention } from './loaders-by-convention.js';
export type { ConventionOptions } from './loaders-by-convention.js';
export type { ChannelLoader, ChannelLoaders, ChannelModule } from '../channels/channel-loader.js';
export { createNodeFetch } from './node-fetch.js';
export type { NodeFetchOptions } from './node-fetch.js';
