// @ts-check
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** CPU time (user + system) a process has used, ms; 0 when it is gone. @param {number} pid */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
export function machineTicks() {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** The local TCP ports of the sockets process `pid` holds (its connections to PostgreSQL among them). */
function localPorts(/** @type {number} */ pid) {
  /** @type {Set<string>} */
  const inodes = new Set();
  /** @type {string[]} */
  let fds = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {}
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' });
      if (target.startsWith('socket:[')) inodes.add(target.slice(8, -1));
    } catch {} // closed since the listing (the listing's own descriptor, for one)
  }
  /** @type {Set<number>} */
  const ports = new Set();
  for (const table of ['tcp', 'tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {}
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[9] && inodes.has(cols[9])) ports.add(Number.parseInt(cols[1]?.split(':')[1] ?? '', 16));
    }
  }
  return ports;
}

/**
 * The PostgreSQL server processes (backends) serving the connections of the given client processes: found by
 * their client ports in `pg_stat_activity`, so other work on the same cluster is not counted.
 * @param {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }} admin a connection to the cluster
 * @param {number[]} clientPids
 * @returns {Promise<number[]>}
 */
export async function backendsOf(admin, clientPids) {
  const ports = clientPids.flatMap((pid) => [...localPorts(pid)]);
  if (ports.length === 0) return [];
  const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])', [ports]);
  return rows.map((row) => Number(row.pid));
}

/**
 * CPU time of the PostgreSQL backends serving some client processes over a window. A pool closes connections idle
 * for 10 s and opens new ones under load, so the backends are looked up every `everyMs` while it runs: one that
 * appears counts from 0 (its start is the window's work), one that ends keeps its last reading.
 */
export class BackendsMeter {
  /** @type {Map<number, { base: number, last: number }>} */
  #seen = new Map();
  /** @type {ReturnType<typeof setInterval> | undefined} */
  #timer;
  #first = true;

  /**
   * @param {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }} admin
   * @param {number[]} clientPids
   */
  constructor(admin, clientPids) {
    this.admin = admin;
    this.clientPids = clientPids;
  }

  /** CPU this process spent looking (the TCP tables are long): not the bench's work, subtracted from it. */
  ownMs = 0;

  async #sample() {
    const started = process.cpuUsage();
    for (const pid of await backendsOf(this.admin, this.clientPids)) {
      if (!this.#seen.has(pid)) this.#seen.set(pid, { base: this.#first ? processCpuMs(pid) : 0, last: 0 });
    }
    this.#first = false;
    for (const [pid, reading] of this.#seen) reading.last = processCpuMs(pid) || reading.last;
    const spent = process.cpuUsage(started);
    this.ownMs += (spent.user + spent.system) / 1000;
  }

  async start(everyMs = 1000) {
    await this.#sample();
    this.#timer = setInterval(() => void this.#sample().catch(() => undefined), everyMs);
  }

  /** @returns {Promise<number>} ms of CPU since {@link start} */
  async stop() {
    clearInterval(this.#timer);
    await this.#sample();
    let total = 0;
    for (const { base, last } of this.#seen.values()) total += Math.max(0, last - base);
    return total;
  }
}
