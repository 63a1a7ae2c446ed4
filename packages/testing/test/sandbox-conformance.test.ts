import { createSandboxChannel, type SandboxDecision, type SandboxMode } from '@coinslot/channel-sandbox';
import { createPayServer, serveNode } from '@coinslot/server';
import { runChannelConformance } from '../src/conformance/run-channel-conformance.js';
import type { ConformanceScenario, DriveContext, StartedPayServer } from '../src/conformance/conformance-options.js';

// The sandbox adapter against a REAL reference pay server on loopback (serveNode), through the real core:
// the same suite any third-party channel runs. The sandbox decides headlessly, so channelOptions drive it.
const decision = (scenario: ConformanceScenario): SandboxDecision => (scenario === 'decline' || scenario === 'cancel' ? scenario : 'approve');

async function startRealServer(): Promise<StartedPayServer> {
  const payServer = await createPayServer();
  const listener = await serveNode(payServer.handle, { port: 0, host: '127.0.0.1' });
  return {
    url: listener.url,
    trustedKeys: payServer.publicKeys(),
    close: async () => {
      await payServer.close();
      await listener.close();
    },
  };
}

/** For `duplicate`, the sandbox's checkout posts its approval a second time: the pay server sees the notification twice. */
async function replayApproval(ctx: DriveContext, mode: SandboxMode): Promise<void> {
  if (ctx.scenario !== 'duplicate') return;
  const answer = await fetch(String(ctx.launch.decideUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'approve', mode }) });
  if (!answer.ok) throw new Error(`the replayed approval answered ${answer.status}`);
}

/** A stand-in for the popup core opens inside the click: enough of a Window for an adapter to use or close it. */
function windowStandIn(): Window {
  const stand = { closed: false, close: () => void (stand.closed = true), focus() {}, postMessage() {}, location: { href: 'about:blank', assign() {}, replace() {} } };
  return stand as unknown as Window;
}

for (const mode of ['server', 'client'] as const) {
  runChannelConformance({
    name: `sandbox, ${mode} mode, on a real pay server`,
    channel: () => createSandboxChannel({ mode }),
    environment: { platform: 'node', window: windowStandIn },
    server: { start: startRealServer },
    channelOptions: (scenario) => ({ presentation: 'headless', headlessDecision: decision(scenario) }),
    drive: { approve: (ctx) => replayApproval(ctx, mode) },
  });
}
