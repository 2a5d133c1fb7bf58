/** Synthesizes the end-to-end fleet: `E2E_OPTIONS='{"extraPackages":["…"]}' node -r ts-node/register/transpile-only e2e/main.ts`. */
import { App } from '../constructs';
import { runApp } from '../main';
import { defineE2eFleet } from './fleet';

runApp(() => {
  const app = new App();
  defineE2eFleet(app, JSON.parse(process.env.E2E_OPTIONS ?? '{}'));
  app.synth();
});
