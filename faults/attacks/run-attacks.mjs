// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFaultProxy } from '../lib/fault-proxy.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { runBadInputs } from './run-bad-inputs.mjs';
import { runForgedResults } from './run-forged-results.mjs';

/**
 * The attack suite against a fresh real pay server: every bad input (refused with its code, nothing changed),
 * then every forged result (rejected by the SDK's verifier and by a real game, nothing granted).
 * @param {{ keep?: boolean }} [options]
 */
export async function runAttacks({ keep = false } = {}) {
  const started = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'coinslot-attacks-'));
  const server = await startServerProcess(path.join(dir, 'server'));
  const proxy = await startFaultProxy(server.url);
  try {
    const badInputs = await runBadInputs(server);
    const forged = await runForgedResults(server, proxy, dir);
    const { afterwards } = forged;
    const recoveredOk =
      afterwards.grantedUnderAttack === 0 &&
      afterwards.grantedAfter === afterwards.paid &&
      afterwards.wronglyGranted === 0;
    const ok =
      badInputs.every((row) => row.ok) && forged.rows.every((row) => row.ok) && forged.controlOk && recoveredOk;
    return {
      badInputs,
      forged: forged.rows,
      control: forged.control,
      afterwards,
      recoveredOk,
      ok,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await proxy.close();
    await server.stop();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
