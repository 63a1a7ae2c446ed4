import { runChannelConformance } from '../src/conformance/run-channel-conformance.js';
import type { ConformanceScenario } from '../src/conformance/conformance-options.js';
import { createMockChannel } from '../src/mock-channel/create-mock-channel.js';
import type { MockPayOutcome } from '../src/mock-channel/mock-channel-types.js';

// The suite on its default server (the pay-server double, on the suite's own msw server), with the mock channel
// scripted through channelOptions: what a well-behaved adapter looks like to the suite.
const outcomeFor = (approved: MockPayOutcome) => (scenario: ConformanceScenario) => ({
  outcome: scenario === 'cancel' ? 'cancelled' : scenario === 'abort' ? 'hangs' : approved,
});

runChannelConformance({
  name: 'mock channel, server result, on the default double',
  channel: () => createMockChannel(),
  environment: { platform: 'node' },
  channelOptions: outcomeFor('launched'),
  timing: { slowMs: 300 },
});

runChannelConformance({
  name: 'mock channel, client result, with a delay',
  channel: () => createMockChannel({ resultSource: 'client', delayMs: 20, capabilities: { platforms: ['node'] } }),
  environment: { platform: 'node' },
  channelOptions: outcomeFor('proof'),
  timing: { slowMs: 300 },
});
