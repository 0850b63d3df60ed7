// The local Step Functions runner: executes an Amazon States Language definition in aws-local-stepfunctions and
// prints the execution's output as JSON (the package's own CLI prints JavaScript object notation, which truncates
// nested values). Lambda tasks go wherever AWS_ENDPOINT_URL_LAMBDA points (e.g. certfleet's LocalLambdaRuntime).
//
//   localstack/node_modules/.bin/node localstack/run-state-machine.mjs DEFINITION.json [--retry STATE:MS]...
//       [--wait STATE:MS]... < INPUT.json
//
// --retry shortens a state's retry pauses, --wait a Wait state's wait (tests: a change window that opens tomorrow).
//
// Exit codes: 0 the execution succeeded (output on stdout), 2 it failed (error on stderr), 1 bad invocation.
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const [definitionPath, ...options] = process.argv.slice(2);
if (!definitionPath) {
  process.stderr.write('usage: run-state-machine.mjs DEFINITION.json [--retry STATE:MS]... [--wait STATE:MS]... '
    + '< INPUT.json\n');
  process.exit(1);
}
const retryIntervalOverrides = {};
const waitTimeOverrides = {};
for (let i = 0; i < options.length; i += 2) {
  const overrides = { '--retry': retryIntervalOverrides, '--wait': waitTimeOverrides }[options[i]];
  if (!overrides || !/^[^:]+:\d+$/.test(options[i + 1] ?? '')) {
    process.stderr.write(`unknown option: ${options[i]} ${options[i + 1] ?? ''}\n`);
    process.exit(1);
  }
  const [state, millis] = options[i + 1].split(':');
  overrides[state] = Number(millis);
}

const definition = JSON.parse(readFileSync(definitionPath, 'utf8'));
// Node's timers hold at most 2^31-1 ms (24.8 days): a longer TimeoutSeconds (the rotation workflow allows 30 days
// for approvals and change windows) overflows to 1 ms and times the execution out at once. Locally, no limit.
const MAX_TIMER_SECONDS = Math.floor(2147483647 / 1000);
if (definition.TimeoutSeconds > MAX_TIMER_SECONDS) {
  delete definition.TimeoutSeconds;
}
const input = JSON.parse(readFileSync(0, 'utf8'));
// Region and credentials come from the environment (AWS_REGION, AWS_ACCESS_KEY_ID, ...), as for any AWS SDK.
const stateMachine = new StateMachine(definition);
try {
  const result = await stateMachine.run(input, { overrides: { retryIntervalOverrides, waitTimeOverrides } }).result;
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (error) {
  process.stderr.write(`${error.name}: ${error.message}\n`);
  process.exit(2);
}
