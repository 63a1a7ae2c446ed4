import { describe, expect, it, vi } from 'vitest';
import { runChannelConformance } from '../src/conformance/run-channel-conformance.js';
import { CONFORMANCE_CHECKS } from '../src/conformance/conformance-checks.js';
import type { ConformanceScenario } from '../src/conformance/conformance-options.js';
import { createMockChannel } from '../src/mock-channel/create-mock-channel.js';
import type { MockPayOutcome } from '../src/mock-channel/mock-channel-types.js';

// The suite on its default server (the pay-server double, on the suite's own msw server), with the mock channel
// scripted through channelOptions: what a well-behaved adapter looks like to the suite.
const outcomeFor = (approved: MockPayOutcome) => (scenario: ConformanceScenario) => ({
  outcome: scenario === 'cancel' ? 'cancelled' : scenario === 'abort' ? 'hangs' : approved,
});

// Spied before the suites register: each logs one line about the checks that do not apply to it.
const info = vi.spyOn(console, 'info');

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

describe('checks that do not apply', () => {
  const titleOf = (id: string) => CONFORMANCE_CHECKS.find((check) => check.id === id)!.title;

  it('are not registered as tests (not even skipped ones); every other check is', ({ task }) => {
    const registered = (name: string) => {
      const suite = task.file.tasks.find((candidate) => candidate.name === `channel conformance: ${name}`);
      return suite?.type === 'suite' ? suite.tasks.map((test) => test.name) : [];
    };
    const everyPlatform = registered('mock channel, server result, on the default double');
    expect(everyPlatform).toEqual(
      CONFORMANCE_CHECKS.map((check) => check.title).filter(
        (title) => title !== titleOf('is-available-platforms') && title !== titleOf('user-gesture-window'),
      ),
    );
    const nodeOnly = registered('mock channel, client result, with a delay');
    expect(nodeOnly).toContain(titleOf('is-available-platforms'));
    expect(nodeOnly).not.toContain(titleOf('user-gesture-window'));
  });

  it('are named in one logged line per suite, each with why', () => {
    expect(info).toHaveBeenCalledWith(
      'channel conformance: mock channel, server result, on the default double: 2 checks do not apply, so not run: ' +
        'is-available-platforms (the adapter declares every platform); user-gesture-window (the channel does not need a user gesture)',
    );
    expect(info).toHaveBeenCalledWith(
      'channel conformance: mock channel, client result, with a delay: 1 check does not apply, so not run: user-gesture-window (the channel does not need a user gesture)',
    );
  });
});
