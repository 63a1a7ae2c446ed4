import { startPayServer } from '@coinslot/server';
import { runChannelConformance, type ConformanceScenario, type DriveContext } from '@coinslot/testing/conformance';
import { createSandboxChannel, type SandboxDecision, type SandboxMode } from '../src/index.js';

// The sandbox's own conformance run: the suite every channel adapter runs, through the real core, against a REAL
// reference pay server on loopback (startPayServer, whose default driver is the sandbox's). The sandbox decides
// headlessly, so channelOptions give each scenario its decision; both result sources are exercised.
const decision = (scenario: ConformanceScenario): SandboxDecision =>
  scenario === 'decline' || scenario === 'cancel' ? scenario : 'approve';

/** For `duplicate`, the sandbox's checkout posts its approval a second time: the pay server sees it twice. */
async function replayApproval(ctx: DriveContext, mode: SandboxMode): Promise<void> {
  if (ctx.scenario !== 'duplicate') return;
  const answer = await fetch(String(ctx.launch.decideUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approve', mode }),
  });
  if (!answer.ok) throw new Error(`the replayed approval answered ${answer.status}`);
}

/** A stand-in for the popup core opens inside the click (there is none in Node): enough of a Window to use or close. */
function windowStandIn(): Window {
  const stand = {
    closed: false,
    close: () => void (stand.closed = true),
    focus() {},
    postMessage() {},
    location: { href: 'about:blank', assign() {}, replace() {} },
  };
  return stand as unknown as Window;
}

for (const mode of ['server', 'client'] as const) {
  runChannelConformance({
    name: `sandbox, ${mode} mode, on a real pay server`,
    channel: () => createSandboxChannel({ mode }),
    environment: { platform: 'node', window: windowStandIn },
    server: { start: () => startPayServer({ auth: { development: true } }) },
    channelOptions: (scenario) => ({ presentation: 'headless', headlessDecision: decision(scenario) }),
    drive: { approve: (ctx) => replayApproval(ctx, mode) },
  });
}
