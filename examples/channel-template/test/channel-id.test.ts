import { isChannelId } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_HOSTED_ID } from '../src/channel-id.js';

describe('EXAMPLE_HOSTED_ID', () => {
  it("is a channel id by the protocol's rule (rename the channel and this still holds it to the rule)", () => {
    expect(isChannelId(EXAMPLE_HOSTED_ID)).toBe(true);
  });
});
