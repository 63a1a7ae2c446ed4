import { check } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';
import { randomToken } from '../random-token.js';

const LIMIT = 65_536;

/** A JSON create body of exactly `bytes` bytes: a valid body padded with spaces. */
function paddedBody(json: string, bytes: number): string {
  return `${json.slice(0, -1)}${' '.repeat(bytes - json.length)}}`;
}

export const bodyLimitChecks: PayServerCheck[] = [
  {
    id: 'body-limit',
    title: 'a 64 KiB body is accepted; one byte more answers 413 BODY_TOO_LARGE, with or without Content-Length',
    section: '§2 body rules',
    async run(ctx) {
      const send = (body: BodyInit) =>
        ctx.http.call('/v1/bills', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'idempotency-key': randomToken() },
        });
      const json = JSON.stringify(ctx.bills.body());
      expectStatus(await send(paddedBody(json, LIMIT)), 201, 'a create body of exactly 65 536 bytes');
      expectError(
        await send(paddedBody(json, LIMIT + 1)),
        'BODY_TOO_LARGE',
        'a create body of 65 537 bytes with Content-Length',
      );
      const bytes = new TextEncoder().encode(paddedBody(json, LIMIT + 4096));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.slice(at, at + 8192));
          controller.close();
        },
      });
      const chunked = await send(stream);
      check(chunked.status !== 201, 'a chunked body past 64 KiB (no Content-Length) created a bill');
      expectError(chunked, 'BODY_TOO_LARGE', 'a chunked create body past 64 KiB (no Content-Length)');
    },
  },
];
