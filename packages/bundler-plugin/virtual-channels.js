// Stands in for `virtual:coinslot-channels` under webpack: CoinslotChannelsPlugin points the import here and its
// loader replaces this file's text with the loaders generated from the app's package.json. Built without the
// plugin, the module has no channels.
export const channels = {};
export default channels;
