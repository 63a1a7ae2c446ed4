// @ts-check
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { paths } from '../lib/build-snapshot.mjs';
import { track } from '../lib/child-registry.mjs';
import { SANDBOX_SECRET } from '../lib/server-process.mjs';
import { DATABASE_URL, query } from './services.mjs';

/** @typedef {{ kind: 'postgres' } | { kind: 'redis', url: string, prefix: string } | { kind: 'in-process' }} ClusterBus */

/**
 * @typedef {object} Instance
 * @property {string} url
 * @property {import('node:child_process').ChildProcess} child
 */

/**
 * Instances of the built `coinslot-server` CLI over one fresh PostgreSQL schema, sharing a data dir (keys, bill token
 * secret) as a deployment's instances share them, each connecting with an `application_name` of its own.
 */
export class Cluster {
  /** @type {Map<string, Instance>} */
  instances = new Map();
  schema = `coinslot_faults_${randomBytes(6).toString('hex')}`;
  name = `coinslot_faults_${randomBytes(4).toString('hex')}`;

  /** @param {string} dir @param {ClusterBus} bus */
  constructor(dir, bus) {
    this.dir = dir;
    this.bus = bus;
  }

  /** @param {ClusterBus} bus @param {string[]} names */
  static async start(bus, names) {
    const cluster = new Cluster(await mkdtemp(path.join(os.tmpdir(), 'coinslot-faults-scale-')), bus);
    await cluster.#start(/** @type {string} */ (names[0])); // alone: it creates the schema and the keys
    await Promise.all(names.slice(1).map((name) => cluster.#start(name)));
    return cluster;
  }

  /** @param {string} name */
  applicationName(name) {
    return `${this.name}_${name}`;
  }

  /** @param {string} name */
  url(name) {
    const instance = this.instances.get(name);
    if (!instance) throw new Error(`no instance ${name}`);
    return instance.url;
  }

  /** @param {string} name */
  async #start(name) {
    const database = new URL(DATABASE_URL);
    database.searchParams.set('application_name', this.applicationName(name));
    const config = {
      mode: 'development',
      dataDir: 'data',
      keyFile: 'server-key.json',
      database: { url: database.toString(), schema: this.schema },
      bus: this.bus.kind === 'redis' ? { kind: 'redis', url: this.bus.url, prefix: this.bus.prefix } : this.bus.kind,
    };
    const file = path.join(this.dir, `${name}.config.json`);
    await writeFile(file, JSON.stringify(config));
    const env = { ...process.env, COINSLOT_SANDBOX_SECRET: SANDBOX_SECRET };
    const child = track(
      spawn(process.execPath, [paths.serverCli, '--config', file, '--port', '0'], {
        cwd: this.dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let output = '';
    const url = await new Promise((resolve, reject) => {
      const read = (/** @type {Buffer} */ chunk) => {
        output += chunk.toString('utf8');
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', () => reject(new Error(`coinslot-server ${name} did not start:\n${output}`)));
    });
    this.instances.set(name, { url, child });
  }

  /** SIGKILL of instance `name`. @param {string} name */
  async kill(name) {
    const instance = this.instances.get(name);
    if (!instance || instance.child.exitCode !== null || instance.child.signalCode !== null) return;
    const gone = new Promise((resolve) => instance.child.once('exit', resolve));
    instance.child.kill('SIGKILL');
    await gone;
  }

  /**
   * pg_terminate_backend of instance `name`'s connections (every instance's without a name), only those whose last
   * statement starts with `statement` when given; answers how many ended.
   * @param {{ name?: string, statement?: string }} [which]
   */
  async terminateBackends({ name, statement = '' } = {}) {
    const rows = await query(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name LIKE $1 AND query LIKE $2',
      [name === undefined ? `${this.name}\\_%` : this.applicationName(name), `${statement}%`],
    );
    return rows.filter((row) => row.ended).length;
  }

  /**
   * CLIENT KILL of instance `name`'s Redis subscriber (named after its pid); answers how many (none without a Redis
   * bus: the planted fault).
   * @param {string} name
   */
  async killSubscriber(name) {
    if (this.bus.kind !== 'redis') return 0;
    const subscriber = `coinslot-wake-sub:${this.instances.get(name)?.child.pid}:${this.bus.prefix}`;
    const { Redis } = await import('ioredis');
    const admin = new Redis(this.bus.url, { lazyConnect: true });
    try {
      await admin.connect();
      const list = /** @type {string} */ (await admin.client('LIST'));
      const ids = list
        .split('\n')
        .filter((line) => line.includes(` name=${subscriber} `))
        .map((line) => /** @type {string} */ (/^id=(\d+)/.exec(line)?.[1]));
      for (const id of ids) await admin.client('KILL', 'ID', id);
      return ids.length;
    } finally {
      admin.disconnect();
    }
  }

  async close() {
    await Promise.all([...this.instances.keys()].map((name) => this.kill(name)));
    await query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    await rm(this.dir, { recursive: true, force: true });
  }
}
