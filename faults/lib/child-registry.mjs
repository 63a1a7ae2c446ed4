// @ts-check

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();

/**
 * Remember a child process of the harness so it is SIGKILLed when the harness exits for any reason (a crash of
 * the harness must not leave pay servers or games running). The child leaves the set when it exits.
 * @template {import('node:child_process').ChildProcess} C
 * @param {C} child
 * @returns {C}
 */
export function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
