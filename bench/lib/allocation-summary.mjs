// @ts-check

/**
 * @typedef {object} AllocationSite
 * @property {string} name the function, `(anonymous)` for a nameless one
 * @property {string} where its file (from `node_modules/` or `packages/` on) and line
 * @property {number} bytes what the samples there add up to
 */

/**
 * What a sampling heap profile (`stopHeapSampling`) says was allocated: the total, and the sites (function and
 * line) by bytes, most first.
 * @param {{ head: import('node:inspector').HeapProfiler.SamplingHeapProfileNode }} profile
 * @param {number} top how many sites to keep
 * @returns {{ bytes: number, sites: AllocationSite[] }}
 */
export function summarizeAllocations(profile, top) {
  /** @type {Map<string, AllocationSite>} */
  const sites = new Map();
  let bytes = 0;
  /** @param {import('node:inspector').HeapProfiler.SamplingHeapProfileNode} node */
  const visit = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    if (node.selfSize > 0) {
      const file = url.replace(/^.*?((node_modules|packages)\/)/, '$1').replace(/^file:\/\/.*\//, '');
      const where = file ? `${file}:${lineNumber + 1}` : '(native)';
      const key = `${functionName} ${where}`;
      const site = sites.get(key) ?? { name: functionName || '(anonymous)', where, bytes: 0 };
      site.bytes += node.selfSize;
      sites.set(key, site);
      bytes += node.selfSize;
    }
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  return { bytes, sites: [...sites.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top) };
}
