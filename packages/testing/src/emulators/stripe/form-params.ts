/**
 * Stripe's request parameters: `application/x-www-form-urlencoded` bodies (and query strings) whose keys nest with
 * brackets, as the official libraries send them — `metadata[coinslot_bill_id]=b_1`,
 * `line_items[0][price_data][unit_amount]=499`, `created[gte]=1700000000`. Values stay strings; each route converts
 * what it reads. A bracket-free key is a plain field; `a[]=x` appends to a list.
 */
export type FormValue = string | FormObject | FormValue[];

/** A decoded parameter object. */
export interface FormObject {
  [key: string]: FormValue;
}

/** The path of a key: `line_items[0][price_data]` → `['line_items', '0', 'price_data']`; `undefined` when malformed. */
function keyPath(key: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return undefined;
  const rest = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!);
  return [match[1]!, ...rest];
}

/** Objects whose keys are all list indexes (`0`, `1`, …) become lists, in index order. */
function listify(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(listify);
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, listify(value[key]!)] as const);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
  }
  return Object.fromEntries(entries);
}

/**
 * Decodes form parameters into nested objects and lists.
 * @throws Error naming the key when a key is malformed or one key is used both as a value and as an object
 */
export function decodeFormParams(params: URLSearchParams): FormObject {
  const root: FormObject = {};
  for (const [key, value] of params) {
    const path = keyPath(key);
    if (!path) throw new Error(`Invalid parameter name: ${key}`);
    let node: FormObject = root;
    path.forEach((segment, index) => {
      const last = index === path.length - 1;
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (last) {
        if (typeof node[name] === 'object') throw new Error(`Invalid parameter: ${key} is also an object`);
        node[name] = value;
        return;
      }
      const next = node[name] ?? {};
      if (typeof next === 'string' || Array.isArray(next))
        throw new Error(`Invalid parameter: ${key} nests under a value`);
      node[name] = next;
      node = next;
    });
  }
  return listify(root) as FormObject;
}
