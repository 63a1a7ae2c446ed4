import { describe, expect, it } from 'vitest';
import { SendFailures } from '../send-failures.js';
import { NotifySender } from './notify-sender.js';

/** A database double that records each statement's ids and answers when told. */
function recordingDatabase(failures = 0) {
  const batches: string[][] = [];
  let left = failures;
  const gates: Array<() => void> = [];
  return {
    batches,
    release: () => {
      for (const open of gates.splice(0)) open();
    },
    query: async ({ name, values }: { name: string; text: string; values?: unknown[] }) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      if (left-- > 0) throw new Error('connection terminated');
      expect(name).toBe('coinslot_wake_notify_json');
      batches.push(JSON.parse(values![1] as string) as string[]);
      return { rows: [], rowCount: 1 };
    },
  };
}

const quiet = () => {
  const lines: string[] = [];
  return {
    lines,
    logger: { warn: (m: string) => lines.push(`warn ${m}`), info: (m: string) => lines.push(`info ${m}`) },
  };
};

describe('NotifySender', () => {
  it('sends the ids published while one statement is in flight together in the next one', async () => {
    const database = recordingDatabase();
    const sender = new NotifySender(database, 'coinslot_wake_s', new SendFailures('bus', quiet().logger));
    const first = sender.send('b1');
    const rest = ['b2', 'b3', 'b4', 'b3'].map((id) => sender.send(id));
    await Promise.resolve();
    database.release();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    database.release();
    await Promise.all(rest);
    expect(database.batches).toEqual([['b1'], ['b2', 'b3', 'b4']]);
  });

  it('tries a failed statement once more, and logs a streak of failures once, then the recovery', async () => {
    const log = quiet();
    const database = recordingDatabase(3);
    const sender = new NotifySender(database, 'c', new SendFailures('bus', log.logger));
    const release = setInterval(database.release, 1);
    try {
      await sender.send('lost'); // fails twice: dropped, logged
      await sender.send('also-lost-first-try'); // fails once, then sent
      await sender.send('sent');
    } finally {
      clearInterval(release);
    }
    expect(database.batches).toEqual([['also-lost-first-try'], ['sent']]);
    expect(log.lines).toEqual([
      'warn bus: wake-ups are not sent (waits on other instances see changes when their hold ends)',
      'info bus: wake-ups are sent again',
    ]);
  });
});
