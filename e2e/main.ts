/** Synthesizes the end-to-end fleet: `E2E_OPTIONS='{"swapCpython":true}' node -r ts-node/register/transpile-only e2e/main.ts`. */
import { App } from '../constructs';
import { plainStackTraces, runApp } from '../main';
import { defineE2eFleet } from './fleet';

plainStackTraces();
runApp(() => {
  const app = new App();
  const stateDir = process.env.E2E_STATE_DIR;
  defineE2eFleet(app, { ...JSON.parse(process.env.E2E_OPTIONS ?? '{}'), registry: process.env.FLEET_REGISTRY }, stateDir ? { backend: { type: 'local', dir: stateDir } } : {});
  app.synth();
});
