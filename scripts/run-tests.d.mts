// Types of run-tests.mjs, for the TypeScript tests that import it.
import type { StartedService } from './lib/test-machine.mjs';
export interface Step {
  name: string;
  command: string;
  args: string[];
}
export declare const STEPS: Step[];
export declare function runStep(step: Step): Promise<number>;
export interface TestRun {
  prepare(started: StartedService[]): Promise<void>;
  steps: Step[];
  run(step: Step): Promise<number>;
  stop(started: StartedService[]): StartedService[];
  interrupted(): boolean;
  log(line: string): void;
}
export declare function runTests(testRun: TestRun): Promise<number>;
