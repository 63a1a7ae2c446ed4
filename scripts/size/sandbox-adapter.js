// The sandbox adapter as an app loads it: its own chunk, with core shared from the app's main chunk.
export { default } from '@coinslot/channel-sandbox';
