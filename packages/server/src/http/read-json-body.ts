import { ProtocolError } from './protocol-error.js';
import { readBodyBytes } from './read-body.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

function isJsonType(contentType: string): boolean {
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Options of {@link readJsonObject}. */
export interface ReadJsonOptions {
  /** The body limit in bytes. */
  maxBytes: number;
  /** Whether an empty body counts as `{}` (endpoints whose body is `{}`, such as deliver). */
  allowEmpty?: boolean;
}

/**
 * Reads a JSON object body: `415` for a body that is not `application/json`, `413` past the limit,
 * `400 INVALID_JSON` for bytes that are not UTF-8 JSON or JSON that is not an object.
 */
export async function readJsonObject(request: Request, options: ReadJsonOptions): Promise<Record<string, unknown>> {
  const contentType = request.headers.get('content-type');
  if (contentType !== null && !isJsonType(contentType)) {
    await request.body?.cancel().catch(() => undefined);
    throw new ProtocolError('UNSUPPORTED_MEDIA_TYPE', `the body must be application/json, not ${contentType}`);
  }
  const bytes = await readBodyBytes(request, options.maxBytes);
  if (bytes.byteLength === 0 && options.allowEmpty) return {};
  if (contentType === null && bytes.byteLength > 0) {
    throw new ProtocolError('UNSUPPORTED_MEDIA_TYPE', 'a body needs Content-Type: application/json');
  }
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ProtocolError('INVALID_JSON', 'the body is not valid UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('INVALID_JSON', 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
