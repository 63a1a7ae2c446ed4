/** Stub; implementation follows. */
export function classifyLoadError(error: unknown, packageName: string | undefined, channelId?: string): 'not-installed' | 'load-failed' {
  void error; void packageName; void channelId;
  return 'load-failed';
}
