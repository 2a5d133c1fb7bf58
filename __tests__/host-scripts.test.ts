import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ASSEMBLE_MANIFEST_SCRIPT, manifestArguments } from '../constructs';

const ROOT = path.join(__dirname, '..');
/** Shell scripts that run on the host or a runner (the in-image ones: image-scripts.test.ts). */
const hostScripts = ['bin', 'e2e', '.ci'].flatMap((dir) => fs.readdirSync(path.join(ROOT, dir))
  .map((name) => path.join(dir, name))
  .filter((file) => fs.statSync(path.join(ROOT, file)).isFile() && /^#!\/(usr\/bin\/env |bin\/)(ba)?sh/.test(fs.readFileSync(path.join(ROOT, file), 'utf8'))));

const assemble = (...args: string[]) => spawnSync('bash', [ASSEMBLE_MANIFEST_SCRIPT, ...args], {
  cwd: ROOT, encoding: 'utf8', env: { ...process.env, DOCKER: '/nonexistent/docker' },
});

describe('scripts that run on the host or a runner', () => {
  test('are all shellcheck-clean', () => {
    expect(hostScripts).toEqual(expect.arrayContaining([ASSEMBLE_MANIFEST_SCRIPT, 'e2e/setup.sh', '.ci/run']));
    const result = spawnSync('shellcheck', ['-x', ...hostScripts], { cwd: ROOT, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('the manifest command', () => {
  test('lists each per-arch image under its platform, in platform order, with the tags joined', () => {
    expect(manifestArguments('r.example/manylinux_2_36', ['2026.11.22-1', 'latest'], [
      { platform: 'linux/amd64', reference: 'r.example/manylinux_2_36_x86_64:spec-1' },
      { platform: 'linux/386', reference: 'r.example/manylinux_2_36_i686:spec-2' },
    ])).toEqual(['r.example/manylinux_2_36', '2026.11.22-1,latest', 'linux/386=r.example/manylinux_2_36_i686:spec-2', 'linux/amd64=r.example/manylinux_2_36_x86_64:spec-1']);
  });

  test('refuses an entry that is not PLATFORM=SOURCE, before any registry is asked', () => {
    const result = assemble('r.example/p', 'latest', 'r.example/p_x86_64:spec-1');
    expect([result.status, result.stderr.trim()]).toEqual([2,
      "assemble-manifest: 'r.example/p_x86_64:spec-1' is not PLATFORM=SOURCE (e.g. linux/386=r.example/manylinux_2_36_i686:<tag>)"]);
  });

  test('refuses a source in another registry: a manifest list names images of its own registry only', () => {
    const result = assemble('r.example/p', 'latest', 'linux/amd64=other.example/p_x86_64:spec-1');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('other.example/p_x86_64:spec-1 is not in r.example, the registry of r.example/p');
  });

  test('refuses an empty tag list', () => {
    const result = assemble('r.example/p', '', 'linux/amd64=r.example/p_x86_64:spec-1');
    expect([result.status, result.stderr.trim()]).toEqual([2, 'assemble-manifest: no tag given (TAGS is e.g. 2026.11.22-1,latest)']);
  });

  test('prints its usage when called without sources', () => {
    const result = assemble('r.example/p', 'latest');
    expect([result.status, result.stderr]).toEqual([2, expect.stringContaining('usage: ')]);
  });
});
