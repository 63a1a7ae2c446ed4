import { isChannelId } from '@coinslot/protocol';
import type { ResultPublicKey } from '@coinslot/core';
import type { HttpHandler } from 'msw';
import type { PayServerDouble } from '../double/pay-server-double.js';
import type { ConformanceServer, MswInterceptor } from './conformance-options.js';
import { importPayServerDouble, mswNotInstalled } from './msw-import.js';

/** The pay server the suite's purchases use. */
export interface SuiteServer {
  url: string;
  trustedKeys: ResultPublicKey[] | undefined;
  /** Present when the suite runs on the pay-server double. */
  double: PayServerDouble | undefined;
  close(): Promise<void>;
}

interface OwnMswServer extends MswInterceptor {
  listen(options: { onUnhandledRequest: 'bypass' }): void;
  close(): void;
}

/** msw's Node server, loaded only when no interceptor was given (a computed specifier keeps browser bundles free of it). */
async function nodeInterceptor(handlers: HttpHandler[]): Promise<OwnMswServer> {
  const isNode =
    typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
  if (!isNode) {
    throw new TypeError(
      'runChannelConformance: outside Node, pass server.intercept (your started setupWorker()) so the pay-server double can answer',
    );
  }
  const specifier = 'msw/node';
  const { setupServer } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier).catch(
    (error: unknown) => {
      throw mswNotInstalled(error) ?? error;
    },
  )) as { setupServer: (...h: HttpHandler[]) => OwnMswServer };
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  return server;
}

/** Start (or adopt) the pay server the options name, with a scripted channel for `channelId` on the double. */
export async function startSuiteServer(
  server: ConformanceServer | undefined,
  channelId: unknown,
): Promise<SuiteServer> {
  if (server && 'url' in server)
    return { url: server.url, trustedKeys: server.trustedKeys, double: undefined, close: async () => undefined };
  if (server && 'start' in server) {
    const started = await server.start();
    return {
      url: started.url,
      trustedKeys: started.trustedKeys,
      double: undefined,
      close: async () => void (await started.close?.()),
    };
  }
  const { createPayServerDouble } = await importPayServerDouble();
  const double = await createPayServerDouble({
    url: 'http://pay.conformance.test',
    ...server?.double,
    // A channel id the server would refuse still gets a double; the id check then reports the problem.
    channels: isChannelId(channelId) ? [channelId] : [],
  });
  let own: OwnMswServer | undefined;
  if (server?.intercept) server.intercept.use(...double.handlers);
  else own = await nodeInterceptor(double.handlers);
  return {
    url: double.url,
    trustedKeys: double.publicKeys,
    double,
    async close() {
      own?.close();
      await double.close();
    },
  };
}
