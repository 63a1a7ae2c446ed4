import { SERVER_ERRORS, type BillState, type ServerErrorCode } from '@coinslot/protocol';
import { check, show } from './check-failure.js';
import type { Answer } from './http-client.js';

/** Fails unless the answer has `status`; `what` names the request in the message. */
export function expectStatus(answer: Answer, status: number, what: string): void {
  check(
    answer.status === status,
    `${what}: expected HTTP ${status}, got ${answer.status} ${show(answer.body ?? answer.text)}`,
  );
}

/** What an error answer must carry besides its code. */
export interface ExpectedError {
  /** `error.field` must be this. */
  field?: string;
  /** `error.state` must be this (with `INVALID_TRANSITION`). */
  state?: BillState;
}

/**
 * Fails unless the answer is `code` in the error envelope of §6: the code's status and `retryable` from the
 * protocol's table, a string `message`, a JSON content type, and `field` / `state` when expected.
 */
export function expectError(answer: Answer, code: ServerErrorCode, what: string, expected: ExpectedError = {}): void {
  const spec = SERVER_ERRORS[code];
  const error = answer.body?.error;
  const seen = `HTTP ${answer.status} ${show(answer.body ?? answer.text)}`;
  check(answer.status === spec.status && error?.code === code, `${what}: expected ${spec.status} ${code}, got ${seen}`);
  check(typeof error.message === 'string', `${what}: error.message must be a string, got ${seen}`);
  check(error.retryable === spec.retryable, `${what}: ${code} must carry retryable: ${spec.retryable}, got ${seen}`);
  const type = answer.headers.get('content-type') ?? '';
  check(
    /^application\/json\b/i.test(type),
    `${what}: an error answer must be application/json, got Content-Type ${show(type)}`,
  );
  if (expected.field !== undefined) {
    check(error.field === expected.field, `${what}: error.field must be ${show(expected.field)}, got ${seen}`);
  }
  if (expected.state !== undefined) {
    check(
      error.state === expected.state,
      `${what}: error.state must be the bill's state ${show(expected.state)} (inside "error"), got ${seen}`,
    );
  }
}

/** Fails unless the answer is `401 UNAUTHENTICATED` with a `WWW-Authenticate: Bearer` challenge (§2, RFC 6750). */
export function expectUnauthenticated(answer: Answer, what: string): void {
  expectError(answer, 'UNAUTHENTICATED', what);
  const challenge = answer.headers.get('www-authenticate') ?? '';
  check(
    /^Bearer\b/i.test(challenge),
    `${what}: a 401 must carry WWW-Authenticate: Bearer …, got ${show(challenge || null)}`,
  );
}

/** Fails unless the answer is one of `codes` (each checked as {@link expectError}; a 401 also by {@link expectUnauthenticated}). */
export function expectOneOf(answer: Answer, codes: readonly ServerErrorCode[], what: string): void {
  const code = codes.find((candidate) => SERVER_ERRORS[candidate].status === answer.status);
  const wanted = codes.map((candidate) => `${SERVER_ERRORS[candidate].status} ${candidate}`).join(' or ');
  check(
    code !== undefined,
    `${what}: expected ${wanted}, got HTTP ${answer.status} ${show(answer.body ?? answer.text)}`,
  );
  if (code === 'UNAUTHENTICATED') expectUnauthenticated(answer, what);
  else expectError(answer, code, what);
}
