import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where a response built over bytes in memory (the held wait's answer) offers them, to skip its stream. */
const RESPONSE_BYTES = Symbol.for('coinslot.server.response-bytes');

/** The response's headers as Node's flat `[name, value, …]` list (each `Set-Cookie` its own pair). */
function headList(response: Response, close: boolean): string[] {
  const head: string[] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') head.push(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) head.push('set-cookie', cookie);
  if (close) head.push('connection', 'close');
  return head;
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const go = () => {
      res.off('drain', go);
      res.off('close', go);
      resolve();
    };
    res.on('drain', go);
    res.on('close', go);
  });
}

/**
 * Writes a web `Response` to a Node response, honouring backpressure. A body of one chunk (every JSON answer)
 * goes out with its head in a single write. With `closeAfter` (a body not read to its end, e.g. a `413`, or a
 * server that is closing) or a request not fully received, the connection is closed after the answer, so Node
 * never drains the rest of a body.
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
  const head = headList(response, closeAfter || !req.complete);
  const bytes = (response as { [RESPONSE_BYTES]?: Uint8Array })[RESPONSE_BYTES];
  if (bytes !== undefined) {
    res.writeHead(response.status, head).end(bytes);
    return;
  }
  if (response.body === null) {
    res.writeHead(response.status, head).end();
    return;
  }
  const reader = response.body.getReader();
  try {
    const first = await reader.read();
    const second = first.done ? first : await reader.read();
    if (res.destroyed) return void (await reader.cancel());
    res.writeHead(response.status, head);
    if (second.done) return void res.end(first.value);
    for (let next = first; !next.done; next = next === first ? second : await reader.read()) {
      if (!res.write(next.value)) await drained(res);
      if (res.destroyed) return void (await reader.cancel());
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}
