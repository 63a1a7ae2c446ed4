import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readBodyBytes } from '../http/read-body.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { type NodeListener, serveNode } from './serve-node.js';

const MAX = 64;

/** A listener whose one route echoes the body's length, read as the notification route reads it. */
async function echoLength(): Promise<NodeListener> {
  return serveNode(async (request) => {
    try {
      const bytes = await readBodyBytes(request, MAX);
      return jsonResponse(200, { length: bytes.byteLength, text: new TextDecoder().decode(bytes) });
    } catch (error) {
      if (error instanceof ProtocolError) return jsonResponse(error.status, error.toEnvelope());
      throw error;
    }
  });
}

/** POSTs `chunks` chunked (no Content-Length), so only reading can find the size. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (answer) => {
      let body = '';
      answer.on('data', (chunk) => (body += chunk));
      answer.on('end', () =>
        resolve({ status: answer.statusCode ?? 0, body, closed: answer.headers.connection === 'close' }),
      );
    });
    sent.on('error', reject);
    for (const chunk of chunks) sent.write(chunk);
    sent.end();
  });
}

describe('a request body read by readBodyBytes under serveNode (straight from the socket)', () => {
  let listener: NodeListener | undefined;
  afterEach(async () => listener?.close());

  it('reads every chunk of a body under the limit', async () => {
    listener = await echoLength();
    const answer = await postChunked(`${listener.url}/`, ['{"a":', '1,"b":', '"two"}']);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ length: 17, text: '{"a":1,"b":"two"}' });
  });

  it('refuses a chunked body past the limit with 413 and closes the connection rather than read the rest', async () => {
    listener = await echoLength();
    const answer = await postChunked(`${listener.url}/`, ['x'.repeat(40), 'y'.repeat(40), 'z'.repeat(40)]);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('BODY_TOO_LARGE');
    expect(answer.closed).toBe(true);
  });
});
