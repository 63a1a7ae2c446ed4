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
