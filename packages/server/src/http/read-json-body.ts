import { ProtocolError } from './protocol-error.js';
import { readBodyBytes } from './read-body.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The deepest nesting of objects and arrays a body may have; deeper JSON would exhaust the stack later on. */
export const MAX_JSON_DEPTH = 64;

function isJsonType(contentType: string): boolean {
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Whether `text` nests objects and arrays deeper than `max` (brackets inside strings do not count). */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** Options of {@link readJsonObject}. */
export interface ReadJsonOptions {
  /** The body limit in bytes. */
  maxBytes: number;
  /** Whether an empty body (still sent as `application/json`) counts as `{}` (endpoints whose body is `{}`, such as deliver). */
  allowEmpty?: boolean;
}

/**
 * Reads a JSON object body: `415` when `Content-Type` is missing or not `application/json` — even for an empty
 * body, so no cross-site form or `fetch` without a preflight can reach a state-changing endpoint — `413` past the
 * limit, `400 INVALID_JSON` for bytes that are not UTF-8 JSON, JSON nested deeper than {@link MAX_JSON_DEPTH}
 * levels, or JSON that is not an object.
 */
export async function readJsonObject(request: Request, options: ReadJsonOptions): Promise<Record<string, unknown>> {
  const contentType = request.headers.get('content-type');
  if (contentType === null || !isJsonType(contentType)) {
    await request.body?.cancel().catch(() => undefined);
    throw new ProtocolError(
      'UNSUPPORTED_MEDIA_TYPE',
      contentType === null
        ? 'a POST needs Content-Type: application/json'
        : `the body must be application/json, not ${contentType}`,
    );
  }
  const bytes = await readBodyBytes(request, options.maxBytes);
  if (bytes.byteLength === 0 && options.allowEmpty) return {};
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ProtocolError('INVALID_JSON', 'the body is not valid UTF-8');
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new ProtocolError('INVALID_JSON', `the body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError('INVALID_JSON', 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('INVALID_JSON', 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
