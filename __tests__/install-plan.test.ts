import { installPlan, renderImageData } from '../constructs';
import type { ImageSpec, InstallPlan } from '../constructs';
import { ALMALINUX_8, GCC_TOOLSET_14, PUBLISHED_POLICIES, manylinux_2_28, policyArches } from '../policies';
import type { Arch, Argv, PackageManager } from '../policies';
import { dataFiles, imageEnv, lines, spec, tableRows } from './helpers/spec';

// What pypa/manylinux's recipe runs with the package manager, fact by fact, each with the file
// and line it is read from. The expectations are spelled here, not read from policies/: the
// test fails when the data drifts from upstream.
const UP = 'pypa/manylinux@ad3c453:';
const RUNTIME = `${UP}docker/build_scripts/install-runtime-packages.sh`;
const UTILS = `${UP}docker/build_scripts/build_utils.sh`;
const UPDATE = `${UP}docker/build_scripts/update-system-packages.sh`;
const MIRRORS = `${UP}docker/build_scripts/fixup-mirrors.sh`;

/** The package manager of each published policy's base image (upstream detects it by command). */
const MANAGER: Readonly<Record<string, PackageManager>> = {
  manylinux2014: 'yum', manylinux_2_28: 'dnf', manylinux_2_34: 'dnf', manylinux_2_39: 'dnf',
  musllinux_1_2: 'apk', manylinux_2_31: 'apt', manylinux_2_35: 'apt',
};
const EPEL_7 = 'https://archives.fedoraproject.org/pub/archive/epel/7/x86_64/Packages/e/epel-release-7-14.noarch.rpm';
const COPR = 'https://copr.fedorainfracloud.org/coprs/mayeut/devtoolset-10/repo/custom-1/mayeut-devtoolset-10-custom-1.repo';
const CLEFOS = 'https://download.sinenomine.net/clefos';
const toolset = (prefix: string) => ['binutils', 'gcc', 'gcc-c++', 'gcc-gfortran', 'libatomic-devel'].map((p) => `${prefix}-${p}`);
/** TOOLCHAIN_DEPS per policy. */
const TOOLCHAIN: Readonly<Record<string, { packages: readonly string[]; cite: string }>> = {
  manylinux2014: { packages: toolset('devtoolset-10'), cite: `${RUNTIME} l.101` },
  manylinux_2_28: { packages: toolset('gcc-toolset-14'), cite: `${RUNTIME} l.136-137` },
  manylinux_2_34: { packages: toolset('gcc-toolset-14'), cite: `${RUNTIME} l.136-137` },
  manylinux_2_39: { packages: ['binutils', 'gcc', 'gcc-c++', 'gcc-gfortran', 'libatomic'], cite: `${RUNTIME} l.138-141` },
  manylinux_2_31: { packages: ['binutils', 'gcc', 'g++', 'gfortran', 'libatomic1'], cite: `${RUNTIME} l.143-144` },
  manylinux_2_35: { packages: ['binutils', 'gcc', 'g++', 'gfortran', 'libatomic1'], cite: `${RUNTIME} l.143-144` },
  musllinux_1_2: { packages: ['binutils', 'gcc', 'g++', 'gfortran', 'libatomic'], cite: `${RUNTIME} l.146-147` },
};
const noninteractive = (...args: string[]) => ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
/** The upgrade of update-system-packages.sh, per package manager (our apt flags: -q, not -qq). */
const UPGRADE: Readonly<Record<PackageManager, readonly Argv[]>> = {
  yum: [['yum', '-y', 'update']],
  dnf: [['dnf', '-y', 'upgrade']],
  apt: [noninteractive('update', '-q'), noninteractive('upgrade', '-y', '-q')],
  apk: [['apk', 'upgrade', '--no-cache']],
};

/** One image of the published fleet, as the facts see it. */
interface Image {
  readonly id: string;
  readonly policy: string;
  readonly arch: Arch;
  readonly manager: PackageManager;
  readonly spec: ImageSpec;
  readonly plan: InstallPlan;
}

/** A fact of upstream's recipe: the images it holds on, what the plan shows there and, where stated, elsewhere. */
interface Fact {
  readonly fact: string;
  readonly cite: string;
  readonly when: (image: Image) => boolean;
  readonly then: (plan: InstallPlan, image: Image) => void;
  readonly otherwise?: (plan: InstallPlan, image: Image) => void;
}

const IMAGES: Image[] = PUBLISHED_POLICIES.flatMap((policy) => policyArches(policy).map((arch) => {
  const s = spec(policy, arch);
  return { id: s.id, policy: policy.publishedName, arch, manager: MANAGER[policy.publishedName], spec: s, plan: installPlan(s) };
}));

const words = (plan: InstallPlan) => plan.repositories.flat();
const setting = (plan: InstallPlan, key: string) => plan.config.filter((s) => s.key === key);
const is = (...policies: string[]) => (image: Image) => policies.includes(image.policy);
const on = (policy: string, ...arches: Arch[]) => (image: Image) => image.policy === policy && arches.includes(image.arch);

const FACTS: Fact[] = [
  {
    fact: 'the package manager of each policy', cite: `${UP}build.sh (BASEIMAGE); ${UTILS} l.13-28`, when: () => true,
    then: (plan, image) => expect(plan.packageManager).toBe(image.manager),
  },
  {
    fact: 'yum: a missing package fails the install (skip_missing_names_on_install=False)', cite: `${RUNTIME} l.79-80`, when: (i) => i.manager === 'yum',
    then: (plan) => expect(setting(plan, 'skip_missing_names_on_install')).toEqual([{ file: '/etc/yum.conf', key: 'skip_missing_names_on_install', value: 'False' }]),
    otherwise: (plan) => expect(plan.config.filter((s) => s.file === '/etc/yum.conf')).toEqual([]),
  },
  {
    fact: 'yum: multilib_policy=best', cite: `${RUNTIME} l.77-78`, when: (i) => i.manager === 'yum',
    then: (plan) => expect(setting(plan, 'multilib_policy')).toEqual([{ file: '/etc/yum.conf', key: 'multilib_policy', value: 'best' }]),
    otherwise: (plan) => expect(setting(plan, 'multilib_policy')).toEqual([]),
  },
  {
    fact: 'yum: the override_install_langs line is deleted', cite: `${RUNTIME} l.81-82`, when: (i) => i.manager === 'yum',
    then: (plan) => expect(setting(plan, 'override_install_langs')).toEqual([{ file: '/etc/yum.conf', key: 'override_install_langs', value: null }]),
  },
  {
    fact: 'dnf: tsflags=nodocs', cite: `${RUNTIME} l.122`, when: (i) => i.manager === 'dnf',
    then: (plan) => expect(plan.config).toEqual([{ file: '/etc/dnf/dnf.conf', key: 'tsflags', value: 'nodocs' }]),
    otherwise: (plan) => expect(plan.config.filter((s) => s.file.startsWith('/etc/dnf/'))).toEqual([]),
  },
  {
    fact: 'manylinux2014 vault: the fastestmirror plugin is disabled, except on s390x', cite: `${MIRRORS} l.18-21`,
    when: on('manylinux2014', 'x86_64', 'i686', 'aarch64', 'ppc64le'),
    then: (plan) => expect(setting(plan, 'enabled')).toEqual([{ file: '/etc/yum/pluginconf.d/fastestmirror.conf', key: 'enabled', value: '0' }]),
    otherwise: (plan) => expect(plan.config.filter((s) => s.file.includes('fastestmirror'))).toEqual([]),
  },
  {
    fact: 'EPEL on dnf images except i686/riscv64', cite: `${RUNTIME} l.123-129`, when: (i) => i.manager === 'dnf' && !['i686', 'riscv64'].includes(i.arch),
    then: (plan) => expect(plan.repositories).toContainEqual(['dnf', '-y', 'install', 'dnf-plugins-core', 'epel-release']),
    otherwise: (plan) => expect(words(plan)).not.toContain('epel-release'),
  },
  {
    fact: 'dnf-plugins-core alone on dnf i686/riscv64', cite: `${RUNTIME} l.123-125, l.129`, when: (i) => i.manager === 'dnf' && ['i686', 'riscv64'].includes(i.arch),
    then: (plan) => expect(plan.repositories).toContainEqual(['dnf', '-y', 'install', 'dnf-plugins-core']),
    otherwise: (plan, image) => expect(words(plan).includes('dnf-plugins-core')).toBe(image.manager === 'dnf'),
  },
  {
    fact: 'PowerTools on manylinux_2_28', cite: `${RUNTIME} l.130-131`, when: is('manylinux_2_28'),
    then: (plan) => expect(plan.repositories).toContainEqual(['dnf', 'config-manager', '--set-enabled', 'powertools']),
    otherwise: (plan) => expect(words(plan)).not.toContain('powertools'),
  },
  {
    fact: 'CRB on manylinux_2_34 and manylinux_2_39', cite: `${RUNTIME} l.132-133`, when: is('manylinux_2_34', 'manylinux_2_39'),
    then: (plan) => expect(plan.repositories).toContainEqual(['dnf', 'config-manager', '--set-enabled', 'crb']),
    otherwise: (plan) => expect(words(plan)).not.toContain('crb'),
  },
  {
    fact: 'dnf: everything upgraded after the repositories are enabled, before installing', cite: `${RUNTIME} l.129-135`, when: (i) => i.manager === 'dnf',
    then: (plan) => {
      const at = (word: string) => plan.repositories.findIndex((argv) => argv.includes(word));
      expect(plan.repositories.at(-1)).toEqual(['dnf', '-y', 'upgrade']);
      expect(at('dnf-plugins-core')).toBe(0);
      expect(at('config-manager')).toBe(plan.repositories.length - 2);
    },
  },
  {
    fact: 'install commands: dnf -y install --allowerasing, yum -y install, apk add --no-cache, apt-get install -y --no-install-recommends',
    cite: `${UTILS} l.76-86`, when: () => true,
    then: (plan, image) => {
      const expected: Record<PackageManager, Argv> = {
        yum: ['yum', '-y', 'install'],
        dnf: ['dnf', '-y', 'install', '--allowerasing', '--setopt=install_weak_deps=False'],
        apt: noninteractive('install', '-y', '-q', '--no-install-recommends'),
        apk: ['apk', 'add', '--no-cache'],
      };
      expect(plan.install).toEqual(expected[image.manager]);
    },
  },
  {
    fact: 'the upgrade: yum -y update, dnf -y upgrade, apt-get update + upgrade, apk upgrade --no-cache', cite: `${UPDATE} l.15-28`, when: () => true,
    then: (plan, image) => expect(plan.upgrade).toEqual(UPGRADE[image.manager]),
  },
  {
    fact: 'manylinux2014: update, then yum-utils and curl, then extras enabled', cite: `${RUNTIME} l.96-100`, when: is('manylinux2014'),
    then: (plan) => expect(plan.repositories.slice(0, 3)).toEqual([['yum', '-y', 'update'], ['yum', '-y', 'install', 'yum-utils', 'curl'], ['yum-config-manager', '--enable', 'extras']]),
    otherwise: (plan) => expect(words(plan)).not.toContain('yum-config-manager'),
  },
  {
    fact: 'manylinux2014: the software collections (centos-release-scl-rh) except on i686', cite: `${RUNTIME} l.102-104, l.109-111`,
    when: on('manylinux2014', 'x86_64', 'aarch64', 'ppc64le', 's390x'),
    then: (plan) => expect(plan.repositories).toContainEqual(['yum', '-y', 'install', 'centos-release-scl-rh']),
    otherwise: (plan) => expect(words(plan)).not.toContain('centos-release-scl-rh'),
  },
  {
    fact: 'manylinux2014 x86_64: the EPEL 7 release rpm', cite: `${RUNTIME} l.105-108`, when: on('manylinux2014', 'x86_64'),
    then: (plan) => expect(plan.repositories).toContainEqual(['yum', '-y', 'install', EPEL_7]),
    otherwise: (plan) => expect(words(plan).filter((w) => w.includes('epel-release-7'))).toEqual([]),
  },
  {
    fact: 'manylinux2014 i686: the devtoolset-10 copr repository file', cite: `${RUNTIME} l.112-114`, when: on('manylinux2014', 'i686'),
    then: (plan) => expect(plan.repositories).toContainEqual(['curl', '-fsSLo', '/etc/yum.repos.d/mayeut-devtoolset-10.repo', COPR]),
    otherwise: (plan) => expect(words(plan).filter((w) => w.includes('copr'))).toEqual([]),
  },
  {
    fact: 'Ubuntu and Alpine: no configuration or repository change', cite: `${RUNTIME} l.143-148`, when: (i) => i.manager === 'apt' || i.manager === 'apk',
    then: (plan) => expect([plan.config, plan.repositories]).toEqual([[], []]),
  },
  {
    fact: 'yasm exactly on x86_64', cite: `${RUNTIME} l.153-155`, when: (i) => i.arch === 'x86_64',
    then: (plan) => expect([plan.packages.runtime.includes('yasm'), plan.runtimeInstall.includes('yasm')]).toEqual([true, true]),
    otherwise: (plan) => expect(plan.runtimeInstall).not.toContain('yasm'),
  },
  {
    fact: 'the toolchain: devtoolset-10 on 2014, gcc-toolset-14 on 2_28/2_34, the distro gcc on 2_39, Ubuntu and musllinux',
    cite: Object.values(TOOLCHAIN).map((t) => t.cite).join('; '), when: () => true,
    then: (plan, image) => {
      const expected = TOOLCHAIN[image.policy].packages;
      expect(plan.runtimeInstall).toEqual(expect.arrayContaining([...expected]));
      const toolsets = plan.packages.runtime.filter((p) => /^(devtoolset|gcc-toolset)-/.test(p));
      expect(toolsets).toEqual(expected.filter((p) => /^(devtoolset|gcc-toolset)-/.test(p)));
    },
  },
  {
    fact: 'manylinux2014 mirrors: moved to vault.centos.org (https) except on s390x', cite: `${MIRRORS} l.18-23`,
    when: on('manylinux2014', 'x86_64', 'i686', 'aarch64', 'ppc64le'),
    then: (plan) => {
      const vault = plan.mirrors.vault!;
      expect('http://mirror.centos.org/centos/7/os/x86_64/'.replace(vault.from, vault.to)).toBe('https://vault.centos.org/centos/7/os/x86_64/');
      expect(vault.from.startsWith('http://mirror')).toBe(true);
    },
    otherwise: (plan) => expect(plan.mirrors.vault).toBeNull(),
  },
  {
    fact: 'manylinux2014 aarch64/ppc64le: /centos/7/ becomes /altarch/7/', cite: `${MIRRORS} l.24-26`, when: on('manylinux2014', 'aarch64', 'ppc64le'),
    then: (plan) => expect(plan.mirrors.pathRewrite).toEqual({ from: '/centos/7/', to: '/altarch/7/' }),
    otherwise: (plan) => expect(plan.mirrors.pathRewrite).toBeNull(),
  },
  {
    fact: 'manylinux2014 s390x: ClefOS baseurls per repository', cite: `${MIRRORS} l.7-17`, when: on('manylinux2014', 's390x'),
    then: (plan) => expect(plan.mirrors.baseurls).toEqual([
      { repo: 'os', baseurl: `${CLEFOS}/7/os` }, { repo: 'updates', baseurl: `${CLEFOS}/7/updates` },
      { repo: 'extras', baseurl: `${CLEFOS}/7/extras` }, { repo: 'centosplus', baseurl: `${CLEFOS}/7/centosplus` },
      { repo: 'clefos-rh', baseurl: `${CLEFOS}/7/sclo/s390x/rh` }, { repo: 'epel', baseurl: `${CLEFOS}/epel7` },
    ]),
    otherwise: (plan) => expect(plan.mirrors.baseurls).toEqual([]),
  },
];

describe('install plan: what the scripts run with the package manager, against pypa/manylinux', () => {
  test('covers every published image', () => {
    expect(IMAGES.map((i) => i.id)).toEqual(PUBLISHED_POLICIES.flatMap((p) => policyArches(p).map((a) => `${p.publishedName}_${a}`)));
    expect(IMAGES.every((i) => i.manager !== undefined && TOOLCHAIN[i.policy] !== undefined)).toBe(true);
  });

  test.each(FACTS)('each fact holds on some image, and its counterpart on others: $fact', (fact) => {
    expect(IMAGES.some(fact.when)).toBe(true);
    if (fact.otherwise) {
      expect(IMAGES.some((i) => !fact.when(i))).toBe(true);
    }
  });

  describe.each(IMAGES.map((image) => [image.id, image] as const))('%s', (_id, image) => {
    test.each(FACTS)('$fact ($cite)', (fact) => {
      if (fact.when(image)) {
        fact.then(image.plan, image);
      } else {
        fact.otherwise?.(image.plan, image);
      }
    });

    test('the rendered data files are the plan', () => {
      const files = dataFiles(image.spec);
      const env = imageEnv(image.spec);
      const commands = (file: string) => lines(files[file]).map((line) => line.split(' '));
      const { plan } = image;
      expect(env.PKG_INSTALL.split(' ')).toEqual(plan.install);
      expect(env.PKG_REFRESH.split(' ')).toEqual(plan.refresh);
      expect(commands('plan/upgrade.txt')).toEqual(plan.upgrade);
      expect(commands('plan/repositories.txt')).toEqual(plan.repositories);
      expect(tableRows(image.spec, 'plan/config.tsv')).toEqual(plan.config.map((s) => ({ ...s, value: s.value ?? '' })));
      expect(tableRows(image.spec, 'mirrors.tsv')).toEqual(plan.mirrors.baseurls);
      expect([env.MIRROR_VAULT_FROM, env.MIRROR_VAULT_TO, env.MIRROR_PATH_FROM, env.MIRROR_PATH_TO]).toEqual([
        plan.mirrors.vault?.from ?? '', plan.mirrors.vault?.to ?? '', plan.mirrors.pathRewrite?.from ?? '', plan.mirrors.pathRewrite?.to ?? '']);
      for (const set of ['bootstrap', 'runtime', 'build'] as const) {
        expect(lines(files[`packages/${set}.txt`])).toEqual(plan.packages[set]);
      }
      expect([...env.PKG_INSTALL.split(' '), ...lines(files['packages/runtime.txt'])]).toEqual(plan.runtimeInstall);
      expect([...env.PKG_INSTALL.split(' '), ...lines(files['packages/build.txt'])]).toEqual(plan.buildInstall);
    });
  });

  test('fails if a command word contains whitespace', () => {
    // GIVEN a base whose repository step has a word with a space in it
    const base = { ...ALMALINUX_8, repositories: { steps: [{ kind: 'command' as const, argv: ['dnf', 'config-manager', '--set-enabled', 'power tools'], citation: 'test' }] } };
    // WHEN / THEN
    expect(() => renderImageData(spec(manylinux_2_28, 'x86_64', { baseImage: base, toolchain: GCC_TOOLSET_14 })))
      .toThrow(/manylinux_2_28_x86_64: command word 'power tools' .*split it into words without spaces/);
  });

  test('fails if a configuration setting has an empty value (null deletes a key)', () => {
    const base = { ...ALMALINUX_8, repositories: { config: [{ file: '/etc/dnf/dnf.conf', key: 'tsflags', value: '', citation: 'test' }] } };
    expect(() => installPlan(spec(manylinux_2_28, 'x86_64', { baseImage: base, toolchain: GCC_TOOLSET_14 })))
      .toThrow(/manylinux_2_28_x86_64: .*tsflags of \/etc\/dnf\/dnf.conf has an empty value.*null to delete the key/);
  });
});
