import type { ChannelRegistry } from './driver-registry.js';

/** `coinslot-server --help`: the commands, the flags and every setting of the configuration file. */
export function cliHelp(channels: ChannelRegistry): string {
  const channelLines = Object.entries(channels)
    .map(([id, entry]) => `    ${id.padEnd(12)} ${entry.description}`)
    .join('\n');
  return `coinslot-server — the Coinslot reference pay server (protocol v1)

Usage:
  coinslot-server --config coinslot.config.json [flags]   run from a configuration file (production by default)
  coinslot-server --dev [flags]                           local development: the sandbox channel, development auth
  coinslot-server keygen                                  print a fresh server key (csk_…) for auth.serverKeys
  coinslot-server keygen webhook-secret                   print a fresh webhook secret (whsec_…) for events.secret
  coinslot-server admin hash-password                     read a password from stdin, print its hash for admin.users

Flags (each overrides the file's setting; paths are taken from the current directory):
  --config <path>        the configuration file (JSON; whole-line // comments allowed)
  --dev                  development mode: the sandbox channel (a free "Approve" button) and, unless the
                         file configures auth, development auth (any caller acts for any player). Never for real money.
  --port <n>             port to listen on (default 8787; 0 = any free port)
  --host <addr>          interface to listen on (default 127.0.0.1)
  --public-url <url>     the public base URL; launch URLs are built from it (required, https, in production)
  --data-dir <path>      bills (SQLite), the bill token secret, the sandbox secret (default .coinslot/data)
  --key-file <path>      the private result-signing key, created 0600 on first start (default .coinslot/server-key.json)
  --store <kind>         sqlite (default: durable, in the data dir), postgres (the file's database) or memory
                         (lost on exit; development only)
  --bus <kind>           the wake-up bus between instances: in-process (one instance), postgres (LISTEN/NOTIFY
                         on the database; the default with the postgres store) or redis (the file's bus.url,
                         else $COINSLOT_REDIS_URL); replaces the file's bus setting
  --catalog <path>       JSON prices { "<itemId>": { "amount": 499, "currency": "USD" } } (price of ONE item)
  --cors-origin <origin> a browser origin allowed to call (repeat for several; "*" in development only)
  -h, --help             this text

Configuration file (every field and its default: docs/server-config.md):
  mode              "production" (default) or "development"
  publicUrl         "https://pay.example.com"                     (production: required, https)
  port, host        8787, "127.0.0.1"
  dataDir, keyFile  ".coinslot/data", ".coinslot/server-key.json" (relative to the file's folder)
  store             "sqlite" (default), "postgres" or "memory"    (production: sqlite or postgres)
  database          { "url": { "env": "DATABASE_URL" }, "schema"?, "maxConnections"? }: PostgreSQL, for several
                    instances over one database (implies "store": "postgres"; needs the optional dependency pg)
  bus               "in-process", "postgres" (default with database: LISTEN/NOTIFY on it) or
                    { "kind": "redis", "url": { "env": "COINSLOT_REDIS_URL" }, "prefix": "coinslot:" } (needs the
                    optional dependency ioredis): how instances wake each other's held waits
  catalog           { "<itemId>": { "amount", "currency" } } or a path to such a file (production: required)
  auth              { "playerTokens": { "issuer", "audience", "jwksUrl" | "publicKeys" },
                      "serverKeys": [ { "env": "COINSLOT_SERVER_KEY" } | { "file": "…" } ],
                      "billTokenSecret"?, "deliveredBy": "player" | "server" }
                    (production: playerTokens or serverKeys; development default: development auth)
  corsOrigins       [ "https://game.example" ]                    (production: required, a list)
  returnUrlOrigins  where a checkout may send the player back     (default: corsOrigins)
  channels          { "<id>": { …options } }; secrets as { "env": "NAME" } or { "file": "path" }
                    (inline secrets in development only). Built in:
${channelLines}
                    Any other id loads the channel package @coinslot/channel-<id> (install it next to
                    @coinslot/server): the channelEntry of its /server entry checks the options and builds the driver
  limits            rate limits, wait and connection caps, timeouts, retention (docs/server-config.md#limits)
  events            { "webhookUrl": "https://game.example/coinslot/events", "secret"?: { "env": "…" },
                      "timeoutMs": 10000, "concurrency": 16, "retentionDays": 30 }
                    webhooks to the game backend, signed with the Ed25519 key kept in dataDir (its whpk_… public
                    key is printed at start) or, with "secret", HMAC-SHA256 (production: https, or http to loopback)
  query             { "checkpointsMs": [120000, 300000, 600000], "afterExpiryMs": 60000, "concurrency": 4,
                      "timeoutMs": 10000, "intervalMs": 30000 }: when channels that can be asked about a payment
                    are asked about bills still unpaid (a lost notification never loses a payment)

Production mode refuses to start without publicUrl (https), a catalog, playerTokens or serverKeys, a corsOrigins
list and a real channel, or with the sandbox, the memory store, an inline secret or a plain-http webhookUrl; it names
every problem at once.
Key and secret files the group or others can read are refused.
`;
}
