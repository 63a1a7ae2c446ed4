// `@coinslot/core/node`: what only Node and the Electron main process can run. Browser bundles never import it.
export { createFileStorage } from './file-storage.js';
export type { JournalStorage, StorageEntry, StorageWrite } from '../storage/journal-storage.js';
