import { ProtocolError } from '../http/protocol-error.js';

/** Whether the caller asked for CSV: `format=csv`, or `Accept: text/csv` without `format`. */
export function wantsCsv(request: Request, url: URL): boolean {
  const format = url.searchParams.get('format');
  if (format !== null && format !== 'csv' && format !== 'json') {
    throw new ProtocolError('INVALID_FIELD', 'format must be json or csv', { field: 'format' });
  }
  return format === 'csv' || (format === null && /\btext\/csv\b/i.test(request.headers.get('accept') ?? ''));
}
