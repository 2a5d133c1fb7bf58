import * as fs from 'fs';
import * as path from 'path';
import { escapeTemplate } from '../constructs';
import { manylinux_2_31 } from '../policies';
import { newFleet, synthJson } from './helpers/fleet';

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
      .toEqual(['.github/workflows/build.yml', '.github/workflows/fleet-diff.yml']);
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

  test('no secret value lands in the synthesized output', () => {
    // GIVEN secrets in the environment, as a maintainer deploying the stack has them
    process.env.TF_VAR_registry_password = 'hunter2-secret-value';
    process.env.GITHUB_TOKEN = 'ghp_notarealtoken0000000000000000000000';
    try {
      const { app } = synthRepo({ githubRepository: 'acme/fleet' });
      // WHEN
      app.synth();
      // THEN
      const files = fs.readdirSync(app.outdir, { recursive: true }) as string[];
      for (const file of files.map((f) => path.join(app.outdir, f)).filter((f) => fs.statSync(f).isFile())) {
        const text = fs.readFileSync(file, 'latin1');
        expect([file, text.includes('hunter2-secret-value') || text.includes('ghp_notarealtoken')]).toEqual([file, false]);
      }
    } finally {
      delete process.env.TF_VAR_registry_password;
      delete process.env.GITHUB_TOKEN;
    }
  });
});
