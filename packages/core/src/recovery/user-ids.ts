/** The player ids recovery lists paid bills for: one id or a list, each 1–128 characters (as in a purchase). */
export function userIdsOf(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const valid = list.every((id) => typeof id === 'string' && id.length >= 1 && id.length <= 128);
  return valid && list.length <= 20 ? [...new Set(list as string[])] : undefined;
}

/** What {@link userIdsOf} expects, for error messages. */
export const USER_IDS_EXPECTED = 'userId must be a string of 1–128 characters or a list of at most 20 of them';
