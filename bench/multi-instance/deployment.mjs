// @ts-check
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ChildRpc } from '../lib/child-rpc.mjs';

const SCRIPT = fileURLToPath(new URL('./instance-server.mjs', import.meta.url));

/**
 * Where the multi-instance phase finds PostgreSQL and Redis: `$COINSLOT_BENCH_DATABASE_URL` / `$COINSLOT_BENCH_REDIS_URL`,
 * else the tests' (`node scripts/prepare-test-machine.mjs --with postgres,redis` makes them). Each run works in a schema
 * and a key prefix of its own, dropped after.
 */
export const SERVICES = {
  databaseUrl: process.env.COINSLOT_BENCH_DATABASE_URL ?? 'postgres://coinslot_test:coinslot_test@127.0.0.1:5432/test',
  redisUrl: process.env.COINSLOT_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

/** @typedef {'in-process' | 'postgres' | 'redis' | 'redis-one-second-reader'} BusChoice */

/**
 * @typedef {object} Instance one pay server process of a deployment
 * @property {ChildRpc} rpc
 * @property {string} url
 * @property {import('@coinslot/core').ResultPublicKey[]} keys
 * @property {number} pid
 */

/**
 * @typedef {object} DeploymentOptions
 * @property {unknown} [signingKey] the result-signing key (a JWK) every instance uses @default a fresh one
 */

/**
 * Several instances over one fresh PostgreSQL schema sharing a bus, a signing key, a bill-token secret and a sandbox secret, as a
 * deployment behind a load balancer.
 */
export class Deployment {
  /** @type {Instance[]} */
  instances = [];
  secret = randomBytes(24).toString('hex');
  /** The bill-token secret every instance shares, as a deployment's do: it also seals the changes the bus carries. */
  billTokenSecret = randomBytes(32).toString('hex');
  schema = `coinslot_bench_${randomBytes(6).toString('hex')}`;
  prefix = `coinslot_bench_${randomBytes(6).toString('hex')}:`;

  /** @param {BusChoice} bus @param {unknown} signingKey */
  constructor(bus, signingKey) {
    this.bus = bus;
    this.signingKey = signingKey;
  }

  /**
   * Starts `count` instances (the first alone: it creates the schema).
   * @param {BusChoice} bus
   * @param {number} count
   * @param {DeploymentOptions} [options]
   */
  static async start(bus, count, { signingKey } = {}) {
    const deployment = new Deployment(bus, signingKey ?? (await newSigningKey()));
    await deployment.#add();
    await Promise.all(Array.from({ length: count - 1 }, () => deployment.#add()));
    return deployment;
  }

  async #add() {
    const rpc = new ChildRpc(
      SCRIPT,
      [
        ['--bus', this.bus],
        ['--database-url', SERVICES.databaseUrl],
        ['--schema', this.schema],
        ['--redis-url', SERVICES.redisUrl],
        ['--prefix', this.prefix],
      ].flat(),
      [],
      {
        secret: this.secret,
        billTokenSecret: this.billTokenSecret,
        signingKey: JSON.stringify(this.signingKey),
      },
    );
    const info = await rpc.call('info');
    this.instances.push({ rpc, url: info.url, keys: info.keys, pid: info.pid });
  }

  /** @param {number} index */
  at(index) {
    return /** @type {Instance} */ (this.instances[index]);
  }

  /** Closes every instance (stores and buses), then drops the schema. */
  async stop() {
    await Promise.all(this.instances.map((instance) => instance.rpc.call('close').catch(() => undefined)));
    await Promise.all(this.instances.map((instance) => instance.rpc.stop()));
    await dropSchema(this.schema);
  }
}

/** A result-signing key, made by the server under test. */
export async function newSigningKey() {
  const { generateSigningKey } = /** @type {typeof import('@coinslot/server')} */ (
    await import(process.env.BENCH_SERVER_MODULE ?? '@coinslot/server')
  );
  return generateSigningKey();
}

/** @param {string} schema */
async function dropSchema(schema) {
  // A computed specifier: pg ships no types of its own (the server types the part it uses).
  const specifier = 'pg';
  const { default: pg } = await import(specifier);
  const client = new pg.Client({ connectionString: SERVICES.databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
