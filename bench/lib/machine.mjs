// @ts-check
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * @typedef {object} Machine
 * @property {number} cores `nproc`
 * @property {string} cpu the CPU model from /proc/cpuinfo
 * @property {number} ramGiB
 * @property {string} node
 * @property {number} load1 the 1-minute load average before the run (it decays slowly: it still counts a run that just ended)
 * @property {number} busyPercent how busy the CPUs were in the second before the run (other work skews every figure)
 * @property {number} fdHardLimit the open-file hard limit (`ulimit -Hn`): the most sockets one process can hold
 */

/** Total and idle jiffies over all CPUs, from /proc/stat. */
function cpuTimes() {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { total: fields.reduce((a, b) => a + b, 0), idle };
}

/** @returns {Promise<Machine>} */
export async function describeMachine() {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = cpuTimes();
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cores: Number(execSync('nproc', { encoding: 'utf8' }).trim()),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    load1: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    busyPercent: Math.round(100 * (1 - (after.idle - before.idle) / Math.max(1, after.total - before.total))),
    fdHardLimit: Number(execSync('ulimit -Hn', { shell: '/bin/bash', encoding: 'utf8' }).trim()),
  };
}

/**
 * Throws when one server process could not hold `waits` connections under the hard open-file limit
 * (a process may raise its soft limit, never its hard one; the clients are spread over several processes).
 * @param {Machine} machine
 * @param {number} waits
 */
export function checkFileLimit(machine, waits) {
  // Each held wait is a connection, the clients' pools keep ~10 % more idle, and the 1 000 warm-up purchases
  // hold theirs on top while all the waits are held.
  const needed = Math.ceil(waits * 1.15) + 1300;
  if (Number.isFinite(machine.fdHardLimit) && needed > machine.fdHardLimit) {
    const most = Math.floor((machine.fdHardLimit - 1300) / 1.15 / 1000) * 1000;
    throw new Error(
      `${waits} held waits need about ${needed} open files in the server process, but the hard limit here is ` +
        `${machine.fdHardLimit} (ulimit -Hn; only root with CAP_SYS_RESOURCE can raise it). Use --waits ${most} or fewer.`,
    );
  }
}
