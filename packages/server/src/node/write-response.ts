import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Writes a web `Response` to a Node response, honouring backpressure. With `closeAfter` (a body not read to
 * its end, e.g. a `413`, or a server that is closing) or a request not fully received, the connection is
 * closed after the answer, so Node never drains the rest of a body.
 */
export async function writeResponse(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
  closeAfter: boolean,
): Promise<void> {
  if (res.destroyed) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (closeAfter || !req.complete) res.setHeader('connection', 'close');
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.on('drain', go);
          res.on('close', go);
        });
      }
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}
