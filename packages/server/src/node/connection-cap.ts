import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Descriptors kept for what is not a client connection: the store, log files, outgoing calls. */
const RESERVED_DESCRIPTORS = 64;

const BODY =
  '{"error":{"code":"UNAVAILABLE","message":"the pay server has too many open connections","retryable":true}}';
const REFUSAL =
  'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncache-control: no-store\r\nretry-after: 1\r\n' +
  `connection: close\r\ncontent-length: ${BODY.length}\r\n\r\n${BODY}`;

/** Answers a connection past the cap with a fixed `503` and lets it go: no parser, no request, no handler. */
function refuse(socket: Socket): void {
  socket.on('error', () => undefined);
  // A client that never closes its side would keep the descriptor: give it a second.
  socket.setTimeout(1000, () => socket.destroy());
  socket.end(REFUSAL);
  // Read and drop whatever the client sends meanwhile, so closing does not reset the connection before it reads the 503.
  socket.resume();
}

/**
 * Caps the open connections of `server` at `max`: the one past it gets a short `503 UNAVAILABLE` at once, before any
 * byte of its request is parsed, so a flood of connections cannot take every file descriptor. Wraps the HTTP
 * server's own `connection` listener, which then sees only the connections that are kept.
 */
export function capConnections(server: Server, max: number): { readonly open: number } {
  const accept = server.listeners('connection') as ((this: Server, socket: Socket) => void)[];
  server.removeAllListeners('connection');
  const count = { open: 0 };
  const closed = () => (count.open -= 1);
  server.on('connection', (socket: Socket) => {
    if (count.open >= max) return refuse(socket);
    count.open += 1;
    socket.once('close', closed);
    for (const listener of accept) listener.call(server, socket);
  });
  return count;
}

/**
 * The default connection cap: `fallback`, or fewer when this process may open fewer files (Linux's soft
 * `RLIMIT_NOFILE` from `/proc/self/limits`) — a cap above it would let a flood take the last descriptor anyway.
 */
export function defaultConnectionCap(fallback: number): number {
  let limit = Number.POSITIVE_INFINITY;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const soft = Number(line?.split(/\s+/)[3]);
    if (Number.isSafeInteger(soft) && soft > 0) limit = soft;
  } catch {
    // Not Linux: the fallback.
  }
  return Math.max(1, Math.min(fallback, limit - RESERVED_DESCRIPTORS));
}
