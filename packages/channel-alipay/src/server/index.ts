// @coinslot/channel-alipay: being written (issue 12). This entry exports nothing yet.
export {};
