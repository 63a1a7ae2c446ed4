import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type CliProcess, killHard, startCli } from './cli-process.js';
import { SANDBOX_SECRET } from './helpers.js';
import { dropSchema, freshSchemaName, queryTestDatabase, TEST_DATABASE_URL } from './postgres-test-database.js';

/** The bus the instances of a {@link Cluster} share. */
export type ClusterBus = { kind: 'postgres' } | { kind: 'redis'; url: string; prefix: string } | { kind: 'in-process' };

/** How to start a {@link Cluster}. */
export interface ClusterOptions {
  bus: ClusterBus;
  /** Instances, named a, b, c… @default 3 */
  instances?: number;
  /** `events.webhookUrl` of every instance. @default none */
  webhookUrl?: string;
}

/**
 * Several `coinslot-server` processes (the CLI, from source) over one fresh PostgreSQL schema, sharing one data dir
 * (the signing key, the bill token secret) as a deployment's instances share their keys. Each instance connects with
 * an `application_name` of its own (`<cluster>_<name>`), so a test can end one instance's connections, or all of them.
 */
export class Cluster {
  readonly instances = new Map<string, CliProcess>();

  private constructor(
    readonly dir: string,
    readonly schema: string,
    /** The prefix of every `application_name` of the cluster. */
    readonly name: string,
    private readonly options: ClusterOptions,
  ) {}

  static async start(options: ClusterOptions): Promise<Cluster> {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-cluster-'));
    const cluster = new Cluster(dir, freshSchemaName(), `coinslot_mi_${randomBytes(4).toString('hex')}`, options);
    const names = 'abcdefgh'.slice(0, options.instances ?? 3).split('');
    await cluster.startInstance(names[0]!); // first alone: it creates the schema and the keys the others read
    await Promise.all(names.slice(1).map((name) => cluster.startInstance(name)));
    return cluster;
  }

  /** Instance `name` (a, b, c…). */
  at(name: string): CliProcess {
    const instance = this.instances.get(name);
    if (!instance) throw new Error(`no instance ${name}`);
    return instance;
  }

  /** The application_name of instance `name`'s connections. */
  applicationName(name: string): string {
    return `${this.name}_${name}`;
  }

  /** Starts (or starts again) instance `name` with its own config file. */
  async startInstance(name: string): Promise<CliProcess> {
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('application_name', this.applicationName(name));
    const bus = this.options.bus;
    const config = {
      mode: 'development',
      dataDir: 'data',
      keyFile: 'server-key.json',
      database: { url: url.toString(), schema: this.schema },
      bus: bus.kind === 'redis' ? { kind: 'redis', url: bus.url, prefix: bus.prefix } : bus.kind,
      channels: { sandbox: { secret: SANDBOX_SECRET } },
      ...(this.options.webhookUrl ? { events: { webhookUrl: this.options.webhookUrl } } : {}),
    };
    const path = join(this.dir, `${name}.config.json`);
    await writeFile(path, JSON.stringify(config, null, 2));
    const instance = await startCli(this.dir, ['--config', path]);
    this.instances.set(name, instance);
    return instance;
  }

  /** `kill -9` of instance `name`. */
  async kill(name: string): Promise<void> {
    await killHard(this.at(name));
  }

  /**
   * Ends (pg_terminate_backend) the PostgreSQL connections of instance `name` (or of every instance), only those whose
   * last statement starts with `statement` when given. Answers how many ended.
   */
  async terminateBackends({ name, statement }: { name?: string; statement?: string } = {}): Promise<number> {
    const rows = await queryTestDatabase<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name LIKE $1 AND query LIKE $2',
      [name === undefined ? `${this.name}\\_%` : this.applicationName(name), `${statement ?? ''}%`],
    );
    return rows.filter((row) => row.ended).length;
  }

  /** `CLIENT KILL` of instance `name`'s Redis subscriber (named after its pid). Answers how many were killed. */
  async killSubscriber(name: string): Promise<number> {
    const bus = this.options.bus;
    if (bus.kind !== 'redis') throw new Error('not a Redis cluster');
    const subscriber = `coinslot-wake-sub:${this.at(name).child.pid}:${bus.prefix}`;
    const admin = new Redis(bus.url, { lazyConnect: true });
    try {
      await admin.connect();
      const list = (await admin.client('LIST')) as string;
      const ids = list
        .split('\n')
        .filter((line) => line.includes(` name=${subscriber} `))
        .map((line) => /^id=(\d+)/.exec(line)![1]!);
      for (const id of ids) await admin.client('KILL', 'ID', id);
      return ids.length;
    } finally {
      admin.disconnect();
    }
  }

  /** Kills every instance, drops the schema, removes the folder. */
  async close(): Promise<void> {
    await Promise.all([...this.instances.values()].map((instance) => killHard(instance)));
    await dropSchema(this.schema);
    await rm(this.dir, { recursive: true, force: true });
  }
}
