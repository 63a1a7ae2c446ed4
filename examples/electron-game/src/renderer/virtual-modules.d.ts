// Types for `virtual:coinslot-channels`, the loader map @coinslot/bundler-plugin writes at build time.
/// <reference types="@coinslot/bundler-plugin/client" />
