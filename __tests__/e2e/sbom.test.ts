/**
 * The SBOMs synth writes, checked by an SPDX validator from PyPI (spdx-tools, installed by
 * e2e/setup.sh): every image of the default fleet has one and each is valid SPDX 2.3.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PUBLISHED_POLICIES, policyArches } from '../../policies';
import { loadEnvironment, run, STATE, synth } from './harness';

const env = loadEnvironment();

test('every image of the default fleet has an SBOM that spdx-tools validates, and fleet sbom prints it', () => {
  // GIVEN the default fleet synthesized with a fixed SOURCE_DATE_EPOCH
  const outdir = path.join(STATE, 'out-sbom');
  synth('synth default fleet (SBOMs)', 'main.ts', outdir, { SOURCE_DATE_EPOCH: '1795305600' });
  const dir = path.join(outdir, 'sbom');
  const ids = PUBLISHED_POLICIES.flatMap((p) => policyArches(p).map((arch) => `${p.publishedName}_${arch}`)).sort();
  expect(fs.readdirSync(dir).sort()).toEqual(ids.map((id) => `${id}.spdx.json`));
  // THEN each document is valid SPDX (pyspdxtools exits 0 and prints no finding)
  for (const id of ids) {
    const result = run(`validate the SBOM of ${id}`, env.pyspdxtools, ['-i', path.join(dir, `${id}.spdx.json`)], { allowed: [0, 1] });
    expect([id, result.status, result.stderr.trim()]).toEqual([id, 0, '']);
  }
  // AND the validator is no rubber stamp: a checksum cut short and a dangling relationship fail it
  const broken = JSON.parse(fs.readFileSync(path.join(dir, `${ids[0]}.spdx.json`), 'utf8'));
  broken.packages[2].checksums[0].checksumValue = 'abc';
  broken.relationships.push({ spdxElementId: 'SPDXRef-Image', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-Nothing' });
  fs.writeFileSync(path.join(outdir, 'broken.spdx.json'), JSON.stringify(broken));
  const rejected = run('validate a broken SBOM', env.pyspdxtools, ['-i', path.join(outdir, 'broken.spdx.json')], { allowed: [1] });
  expect(rejected.stderr).toContain('must consist of 64 lowercase hexadecimal digits');
  expect(rejected.stderr).toContain('SPDXRef-Nothing');
  // AND fleet sbom prints the document synth wrote, dated by SOURCE_DATE_EPOCH
  const printed = run('fleet sbom', process.execPath, ['-r', './bin/ts-register.js', 'bin/fleet.ts', 'sbom', 'manylinux_2_28_s390x', '--dir', outdir]).stdout;
  expect(printed).toBe(fs.readFileSync(path.join(dir, 'manylinux_2_28_s390x.spdx.json'), 'utf8'));
  expect(JSON.parse(printed).creationInfo.created).toBe('2026-11-22T00:00:00Z');
});
