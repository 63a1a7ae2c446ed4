/** This SDK's version, sent as `sdkVersion` with every bill. Kept equal to package.json by a test. */
export const SDK_VERSION = '0.1.0';
