// @ts-check
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** @type {Session | undefined} */
let session;

/**
 * Starts the V8 CPU profiler in this process (for `--profile-server`: only the notify window is profiled,
 * not the bill creation and connection set-up around it).
 */
export async function startProfile() {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

/**
 * Stops it and writes a `.cpuprofile` (open it in Chrome DevTools or VS Code).
 * @param {string} path
 */
export async function stopProfile(path) {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  session = undefined;
  await writeFile(path, JSON.stringify(profile));
}

/** @type {Session | undefined} */
let heapSession;

/**
 * Starts V8's sampling heap profiler in this process, counting what the GC has already collected too: what the
 * process allocates, not only what it keeps (`bench/micro/server-allocations.mjs`).
 */
export async function startHeapSampling() {
  heapSession = new Session();
  heapSession.connect();
  await heapSession.post('HeapProfiler.enable');
  await heapSession.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

/**
 * Stops it and answers the sampling profile (`{ head }`, a tree of call frames with `selfSize` bytes each).
 * @returns {Promise<{ head: import('node:inspector').HeapProfiler.SamplingHeapProfileNode } | undefined>}
 */
export async function stopHeapSampling() {
  if (!heapSession) return undefined;
  const { profile } = await heapSession.post('HeapProfiler.stopSampling');
  heapSession.disconnect();
  heapSession = undefined;
  return profile;
}
