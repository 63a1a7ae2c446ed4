import { CHANNEL_ID, isChannelId } from '@coinslot/protocol';
import { SPEC_VERSION, type PaymentInterface, type Presentation } from '@coinslot/core';
import type { ConformanceCheck } from '../check-context.js';
import { ConformanceFailure, describeError } from '../conformance-failure.js';
import { instrumentChannel } from '../instrumented-channel.js';
import { PLATFORMS } from '../resolve-conformance-options.js';

const PRESENTATIONS: readonly Presentation[] = ['popup', 'redirect', 'embedded', 'native', 'headless'];

function listProblem(name: string, value: unknown, allowed: readonly string[]): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return `${name} must be a non-empty array`;
  const unknown = value.find((entry) => !allowed.includes(entry as string));
  if (unknown !== undefined) return `${name} contains ${JSON.stringify(unknown)}; allowed: ${allowed.join(', ')}`;
  if (new Set(value).size !== value.length) return `${name} lists a value twice`;
  return undefined;
}

/** The adapter contract itself: what core reads before anything runs. */
export const contractChecks: ConformanceCheck[] = [
  {
    id: 'shape',
    title:
      'is a PaymentInterface: id, resultSource, capabilities, isAvailable() and pay(); init() and dispose() optional',
    async run(ctx) {
      const adapter = (await ctx.newAdapter()) as unknown as Record<string, unknown> | null;
      const fail = (message: string) =>
        new ConformanceFailure('shape', `${message}. Build the adapter with defineChannel() from @coinslot/core.`);
      if (typeof adapter !== 'object' || adapter === null)
        throw fail(`channel() returned ${String(adapter)}, not an adapter object`);
      if (typeof adapter.id !== 'string') throw fail('id must be a string');
      if (adapter.resultSource !== 'server' && adapter.resultSource !== 'client')
        throw fail(`resultSource must be "server" or "client", got ${JSON.stringify(adapter.resultSource)}`);
      if (typeof adapter.capabilities !== 'object' || adapter.capabilities === null)
        throw fail('capabilities must be an object');
      for (const method of ['isAvailable', 'pay'])
        if (typeof adapter[method] !== 'function') throw fail(`${method} must be a function`);
      for (const method of ['init', 'dispose'])
        if (adapter[method] !== undefined && typeof adapter[method] !== 'function')
          throw fail(`${method}, when present, must be a function`);
    },
  },
  {
    id: 'spec-version',
    title: `declares specVersion ${SPEC_VERSION}, the adapter contract this core implements`,
    async run(ctx) {
      const { specVersion } = await ctx.newAdapter();
      if (specVersion !== SPEC_VERSION) {
        throw new ConformanceFailure(
          'spec-version',
          `specVersion is ${JSON.stringify(specVersion)}; this core implements adapter spec ${SPEC_VERSION}, so it skips the channel as "version-mismatch". Declare specVersion: ${SPEC_VERSION}.`,
        );
      }
    },
  },
  {
    id: 'id-format',
    title: 'has an id of lower-case letters, digits and dashes (at most 40), as pay servers name channels',
    async run(ctx) {
      const { id } = await ctx.newAdapter();
      if (!isChannelId(id))
        throw new ConformanceFailure(
          'id-format',
          `id ${JSON.stringify(id)} does not match ${CHANNEL_ID} (the id of the pay server's driver, e.g. "stripe").`,
        );
    },
  },
  {
    id: 'capabilities',
    title: 'declares well-formed capabilities: known platforms and presentations, a boolean needsUserGesture',
    async run(ctx) {
      const { capabilities: caps } = (await ctx.newAdapter()) as PaymentInterface<unknown> & {
        capabilities: Record<string, unknown>;
      };
      const problem =
        listProblem('capabilities.platforms', caps?.platforms, PLATFORMS) ??
        listProblem('capabilities.presentations', caps?.presentations, PRESENTATIONS) ??
        (typeof caps?.needsUserGesture === 'boolean' ? undefined : 'capabilities.needsUserGesture must be a boolean');
      if (problem) throw new ConformanceFailure('capabilities', problem);
      if (!(caps.platforms as string[]).includes(ctx.options.environment.platform)) {
        throw new ConformanceFailure(
          'capabilities',
          `environment.platform is "${ctx.options.environment.platform}", which the adapter does not declare (${(caps.platforms as string[]).join(', ')}): run the suite on a declared platform.`,
        );
      }
    },
  },
  {
    id: 'is-available',
    title: 'isAvailable() answers a boolean on every platform without throwing, and true in the declared environment',
    async run(ctx) {
      const adapter = await ctx.newAdapter();
      for (const platform of PLATFORMS) {
        let answer: unknown;
        try {
          answer = await adapter.isAvailable(ctx.environment(platform));
        } catch (error) {
          throw new ConformanceFailure(
            'is-available',
            `isAvailable() threw on platform "${platform}": ${describeError(error)}. Answer false instead: core treats a throw as a broken adapter.`,
            { cause: error },
          );
        }
        if (typeof answer !== 'boolean')
          throw new ConformanceFailure(
            'is-available',
            `isAvailable() answered ${JSON.stringify(answer)} on platform "${platform}"; it must answer true or false.`,
          );
        if (platform === ctx.options.environment.platform && !answer) {
          throw new ConformanceFailure(
            'is-available',
            `isAvailable() answered false in the declared environment (platform "${platform}"), so no purchase can run here.`,
          );
        }
      }
    },
  },
  {
    id: 'is-available-platforms',
    title: 'isAvailable() answers false on the platforms the adapter does not declare',
    notApplicable(adapter) {
      const declared: unknown = adapter?.capabilities?.platforms;
      return Array.isArray(declared) && PLATFORMS.every((platform) => declared.includes(platform))
        ? 'the adapter declares every platform'
        : undefined;
    },
    async run(ctx) {
      const adapter = await ctx.newAdapter();
      const undeclared = PLATFORMS.filter((platform) => !adapter.capabilities.platforms.includes(platform));
      for (const platform of undeclared) {
        const answer = await Promise.resolve()
          .then(() => adapter.isAvailable(ctx.environment(platform)))
          .catch((error: unknown) => `threw ${describeError(error)}`);
        if (answer !== false)
          throw new ConformanceFailure(
            'is-available-platforms',
            `isAvailable() answered ${JSON.stringify(answer)} on "${platform}", which capabilities.platforms does not list. Read ctx.platform and answer false there.`,
          );
      }
    },
  },
  {
    id: 'loads-in-core',
    title: 'is accepted by core: ready() lists it as ready in the declared environment',
    async run(ctx) {
      const { channel } = instrumentChannel(await ctx.newAdapter());
      const { ready, skipped } = await ctx.coinslot(channel, 'approve').ready();
      if (ready.has(channel.id)) return;
      const why = skipped.find((entry) => entry.channel === channel.id) ?? skipped[0];
      throw new ConformanceFailure(
        'loads-in-core',
        `core skipped the channel: ${why ? `${why.reason}: ${why.message}` : 'no reason given'}`,
        { cause: why?.error },
      );
    },
  },
];
