import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { escapeTemplate } from '../constructs';
import { manylinux_2_31 } from '../policies';
import { newFleet, synthJson, tempDir } from './helpers/fleet';

const ROOT = path.join(__dirname, '..');

describe('FleetRepository (stack github)', () => {
  const synthRepo = (props = {}) => {
    const { app, fleet } = newFleet(props);
    fleet.addPolicy(manylinux_2_31);
    return { app, json: synthJson(fleet.repository) };
  };

  test('creates workflows, environment, secrets, variable and the default-branch ruleset', () => {
    const { json } = synthRepo({ githubRepository: 'acme/fleet', registry: 'ghcr.io/acme' });
    const r = json.resource;
    expect(json.provider.github[0]).toEqual({ owner: 'acme' });
    expect(Object.values(r.github_repository_file).map((f: any) => f.file).sort())
      .toEqual(['.github/workflows/build.yml', '.github/workflows/fleet-diff.yml', '.github/workflows/update-pins.yml']);
    expect(Object.values(r.github_repository_file).every((f: any) => f.repository === 'fleet' && f.branch === 'main')).toBe(true);
    expect(r.github_repository_environment.environment).toMatchObject({
      environment: 'registry', deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    expect(r.github_repository_environment_deployment_policy['environment-branch'].branch_pattern).toBe('main');
    expect(Object.values(r.github_actions_environment_secret).map((s: any) => [s.secret_name, s.plaintext_value]).sort()).toEqual([
      ['REGISTRY_PASSWORD', '${var.registry_password}'], ['REGISTRY_USERNAME', '${var.registry_username}']]);
    expect(json.variable.registry_password).toMatchObject({ sensitive: true, type: 'string' });
    expect(r.github_actions_variable.registry).toMatchObject({ variable_name: 'FLEET_REGISTRY', value: 'ghcr.io/acme' });
    expect(r.github_repository_ruleset['default-branch']).toMatchObject({
      enforcement: 'active', target: 'branch',
      conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      rules: { required_status_checks: { required_check: [{ context: 'fleet-diff' }] } },
    });
  });

  test('asks for the repository at deploy time when none is configured', () => {
    const { json } = synthRepo();
    expect(json.variable.github_repository.type).toBe('string');
    expect(json.provider.github[0].owner).toBe('${element(split("/", var.github_repository), 0)}');
  });

  test('workflow text reaches Terraform with ${{ escaped as $${{', () => {
    const { json } = synthRepo({ githubRepository: 'acme/fleet' });
    const build = (Object.values(json.resource.github_repository_file) as any[]).find((f) => f.file.endsWith('build.yml')).content;
    expect(build).toContain('$${{ secrets.REGISTRY_PASSWORD }}');
    expect(build).not.toMatch(/(^|[^$])\$\{\{/);
    expect(escapeTemplate('a ${{ x }} %{ y }')).toBe('a $${{ x }} %%{ y }');
  });

  test('no secret value lands in the synthesized output, though synth runs with every place a secret lives', () => {
    // GIVEN a full synth, as cdktf runs main.ts, with secrets where a deploying maintainer has
    // them: the provider's registry variables, a GitHub token, the sensitive Terraform
    // variables, and a docker login in ~/.docker/config.json; and a canary in a setting synth
    // does read, to prove the scan below sees what synth took from the environment
    const home = tempDir('home-');
    fs.mkdirSync(path.join(home, '.docker'));
    const secrets = {
      DOCKER_REGISTRY_USER: 'secret-user-7f3a', DOCKER_REGISTRY_PASS: 'secret-pass-9b1c', GITHUB_TOKEN: 'ghp_secret0token0000000000000000000000',
      TF_VAR_registry_username: 'secret-tfuser-2d4e', TF_VAR_registry_password: 'secret-tfpass-5a6b',
    };
    const login = Buffer.from('secret-login:secret-login-pass-3c8d').toString('base64');
    fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: login } } }));
    const outdir = path.join(tempDir('secrets-'), 'out');
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...secrets, HOME: home, CDKTF_OUTDIR: outdir, FLEET_REGISTRY: 'ghcr.io/acme', FLEET_GITHUB_REPOSITORY: 'acme/canary-visible-4e2f' },
    });
    // WHEN every output file is read (build archives included)
    const files = (fs.readdirSync(outdir, { recursive: true }) as string[]).map((f) => path.join(outdir, f)).filter((f) => fs.statSync(f).isFile());
    const texts = files.map((file) => [file, fs.readFileSync(file, 'latin1')] as const);
    // THEN the canary is there, and no secret is
    expect(texts.some(([, text]) => text.includes('canary-visible-4e2f'))).toBe(true);
    for (const [file, text] of texts) {
      const leaked = [...Object.values(secrets), login, 'secret-login-pass-3c8d'].filter((secret) => text.includes(secret));
      expect([path.relative(outdir, file), leaked]).toEqual([path.relative(outdir, file), []]);
    }
  });
});
