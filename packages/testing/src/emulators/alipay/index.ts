// The alipay emulator: being written (issue 12). Exports nothing yet.
export {};
