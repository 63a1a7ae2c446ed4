import { afterEach, describe, expect, it } from 'vitest';
import { createConformanceHarness, type ConformanceHarness } from '../src/conformance/conformance-harness.js';
import { createMockChannel } from '../src/mock-channel/create-mock-channel.js';

// The harness, for authors who drive the checks themselves: which checks do not apply, and what run() answers.
let harness: ConformanceHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('createConformanceHarness', () => {
  it('lists the checks that do not apply, with why, and answers them not-applicable without running them', async () => {
    harness = await createConformanceHarness({
      name: 'mock',
      channel: () => createMockChannel(),
      environment: { platform: 'node' },
    });
    expect(harness.notApplicable).toEqual([
      { id: 'is-available-platforms', reason: 'the adapter declares every platform' },
      { id: 'user-gesture-window', reason: 'the channel does not need a user gesture' },
    ]);
    await expect(harness.run('user-gesture-window')).resolves.toEqual({
      status: 'not-applicable',
      reason: 'the channel does not need a user gesture',
    });
    await expect(harness.run('shape')).resolves.toEqual({ status: 'passed' });
  });

  it('a needsUserGesture channel without environment.window: user-gesture-window does not apply, and says so', async () => {
    const channel = () => createMockChannel({ capabilities: { platforms: ['node'], needsUserGesture: true } });
    harness = await createConformanceHarness({ name: 'gesture', channel, environment: { platform: 'node' } });
    expect(harness.notApplicable).toEqual([
      { id: 'user-gesture-window', reason: 'environment.window is not given, so there is no window to hand over' },
    ]);
  });

  it("answers a check the author skipped with the author's reason, without running it", async () => {
    harness = await createConformanceHarness({
      name: 'mock',
      channel: () => createMockChannel(),
      environment: { platform: 'node' },
      skip: { approve: 'tested in e2e' },
    });
    await expect(harness.run('approve')).resolves.toEqual({ status: 'skipped', reason: 'tested in e2e' });
  });
});
