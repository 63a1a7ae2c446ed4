// The setup file of every Node test project (vitest.config.ts): no test opens a connection off this machine. The
// guard refuses it (the client sees the error), records it, and this file's afterAll fails the test file that
// made it, in this process or in a child process — even when the test caught the error.
import { afterAll } from 'vitest';
import { takeRefusedAttempts } from './attempt-record.mjs';
import { guardChildProcesses } from './child-processes.mjs';
import { installNoNetworkGuard } from './guard.mjs';

installNoNetworkGuard();
guardChildProcesses();
takeRefusedAttempts(); // what an earlier test file in this worker left behind is that file's failure, not this one's

afterAll(() => {
  const refused = takeRefusedAttempts();
  if (refused.length === 0) return;
  const list = refused
    .map((a) => `  ${a.via} to ${a.destination} (pid ${a.pid}${a.command ? `: ${a.command}` : ''})`)
    .join('\n');
  throw new Error(
    `This test file tried to reach ${refused.length} destination(s) off this machine (refused by test/support/no-network):\n${list}`,
  );
});
