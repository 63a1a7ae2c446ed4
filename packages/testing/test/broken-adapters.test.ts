import type { PaymentInterface } from '@coinslot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createConformanceHarness, type ConformanceHarness } from '../src/conformance/conformance-harness.js';
import type { ConformanceCheckId } from '../src/conformance/conformance-options.js';
import { ConformanceFailure } from '../src/conformance/conformance-failure.js';
import {
  ignoresAbort,
  leaksInterval,
  stopBrokenFixtures,
  throwingIsAvailable,
  wrongSpecVersion,
} from './fixtures/broken-adapters.js';

// The suite's checks run as plain functions against adapters that break the contract: each must fail, with a
// message that tells the author what to fix, while the checks the adapter does satisfy still pass.
let harness: ConformanceHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  stopBrokenFixtures();
});

async function suiteFor(channel: () => PaymentInterface<unknown>): Promise<ConformanceHarness> {
  harness = await createConformanceHarness({
    name: 'broken',
    channel,
    environment: { platform: 'node' },
    channelOptions: (scenario) => ({
      outcome: scenario === 'cancel' ? 'cancelled' : scenario === 'abort' ? 'hangs' : 'launched',
    }),
    timing: { abortSettleMs: 300, purchaseMs: 3_000 },
  });
  return harness;
}

async function failure(suite: ConformanceHarness, check: ConformanceCheckId): Promise<ConformanceFailure> {
  const error = await suite.run(check).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `${check} should fail`).toBeInstanceOf(ConformanceFailure);
  expect((error as ConformanceFailure).check).toBe(check);
  return error as ConformanceFailure;
}

describe('the conformance suite catches broken adapters', () => {
  it('a wrong specVersion fails spec-version and loads-in-core (version-mismatch)', async () => {
    const suite = await suiteFor(wrongSpecVersion);
    expect((await failure(suite, 'spec-version')).message).toMatch(
      /specVersion is 2; this core implements adapter spec 1/,
    );
    expect((await failure(suite, 'loads-in-core')).message).toMatch(/version-mismatch/);
    await expect(suite.run('shape')).resolves.toEqual({ status: 'passed' });
  });

  it('an isAvailable() that throws fails is-available, and core skips the channel', async () => {
    const suite = await suiteFor(throwingIsAvailable);
    expect((await failure(suite, 'is-available')).message).toMatch(
      /isAvailable\(\) threw on platform "web": ReferenceError: navigator is not defined\. Answer false instead/,
    );
    expect((await failure(suite, 'loads-in-core')).message).toMatch(/unsupported/);
    expect((await failure(suite, 'approve')).message).toMatch(/core did not accept the adapter/);
  });

  it('a pay() that ignores abort fails the abort check within abortSettleMs', async () => {
    const suite = await suiteFor(ignoresAbort);
    const started = Date.now();
    expect((await failure(suite, 'abort')).message).toMatch(
      /pay\(\) did not settle within 300 ms after ctx\.signal aborted/,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    await expect(suite.run('spec-version')).resolves.toEqual({ status: 'passed' });
  });

  it('an interval left running fails dispose and abort, naming where it was created', async () => {
    const suite = await suiteFor(leaksInterval);
    const disposed = await failure(suite, 'dispose');
    expect(disposed.message).toMatch(
      /after dispose\(\) the adapter still holds:\n {2}- a setInterval of 250 ms, created at .*broken-adapters\.ts/,
    );
    expect((await failure(suite, 'abort')).message).toMatch(/left 1 timer\(s\) running/);
    await expect(suite.run('approve')).resolves.toEqual({ status: 'passed' });
  });

  it('refuses wrong options before anything starts', async () => {
    await expect(
      createConformanceHarness({ name: 'x', channel: wrongSpecVersion, environment: { platform: 'mars' as never } }),
    ).rejects.toThrow(/environment\.platform must be one of/);
    await expect(
      createConformanceHarness({
        name: 'x',
        channel: wrongSpecVersion,
        environment: { platform: 'node' },
        timing: { slowMs: -1 },
      }),
    ).rejects.toThrow(/timing\.slowMs must be a positive number/);
  });
});
