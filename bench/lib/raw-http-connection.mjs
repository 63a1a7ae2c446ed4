// @ts-check
import net from 'node:net';

/**
 * A keep-alive HTTP/1.1 connection that writes pre-built requests and reads only the status of each answer
 * (in order: HTTP/1.1 answers pipelined requests in order). The notifier plays a channel's server, so it only
 * needs to send cheaply: a Node `http.request` costs tens of microseconds of the same two cores the server
 * and the clients need.
 */
export class RawHttpConnection {
  /** @type {((status: number) => void)[]} */
  #waiting = [];
  #buffer = '';
  /** @type {net.Socket} */
  #socket;

  /** @param {string} origin e.g. `http://127.0.0.1:8787` */
  static open(origin) {
    const { hostname, port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
      socket.once('connect', () => resolve(new RawHttpConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** @param {net.Socket} socket */
  constructor(socket) {
    this.#socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (/** @type {string} */ chunk) => this.#read(chunk));
    socket.on('error', () => this.#failAll());
    socket.on('close', () => this.#failAll());
  }

  /** Pending answers on this connection. */
  get pending() {
    return this.#waiting.length;
  }

  /**
   * Writes one complete request; answers its status (0 when the connection failed).
   * @param {string} request the whole request, head and body, latin1
   * @returns {Promise<number>}
   */
  send(request) {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#socket.write(request, 'latin1');
    });
  }

  close() {
    this.#socket.destroy();
  }

  /** @param {string} chunk */
  #read(chunk) {
    this.#buffer += chunk;
    for (;;) {
      const headEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = this.#buffer.slice(0, headEnd);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.#buffer.length < headEnd + 4 + length) return;
      this.#buffer = this.#buffer.slice(headEnd + 4 + length);
      this.#waiting.shift()?.(Number(head.slice(9, 12)));
    }
  }

  #failAll() {
    for (const resolve of this.#waiting.splice(0)) resolve(0);
  }
}
