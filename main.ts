import { App, FleetValidationError, ImageFleet } from './constructs';
import { PUBLISHED_POLICIES } from './policies';

/**
 * The published fleet: every policy whose images are published (the policies' own list), one
 * image per architecture the policy offers. Adding a policy is one record in policies/.
 */
export function defineFleet(app: App): ImageFleet {
  const fleet = new ImageFleet(app, 'fleet');
  for (const policy of PUBLISHED_POLICIES) {
    fleet.addPolicy(policy);
  }
  return fleet;
}

/**
 * cdktf records a stack trace for every token it creates, and under ts-node each one is
 * source-mapped: about 3 ms per image (measured with node --cpu-prof). Synth uses none of those
 * traces, so the app run keeps V8's plain formatting. Users see validation errors as one-line
 * messages either way.
 */
export function plainStackTraces(): void {
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
}

/** Runs `body`, turning a validation error into one line on stderr and exit code 1 (no stack trace). */
export function runApp(body: () => void): void {
  try {
    body();
  } catch (error) {
    if (error instanceof FleetValidationError) {
      process.stderr.write(`Error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

if (require.main === module) {
  plainStackTraces();
  runApp(() => {
    const app = new App();
    defineFleet(app);
    app.synth();
  });
}
