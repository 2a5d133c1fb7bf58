import type { RepositorySetup } from './types';

const RUNTIME = 'pypa/manylinux@ad3c453:docker/build_scripts/install-runtime-packages.sh';
const MIRRORS = 'pypa/manylinux@ad3c453:docker/build_scripts/fixup-mirrors.sh';
const CLEFOS = 'https://download.sinenomine.net/clefos';

/**
 * CentOS 7 (ClefOS 7 on s390x), past its end of life: yum fails on a misspelt package, keeps
 * the locales and prefers the native arch; extras, the software collections (devtoolset-10)
 * and EPEL (yasm) are enabled; the repositories moved to vault.centos.org (altarch for aarch64
 * and ppc64le) and, for ClefOS, to Sine Nomine's server.
 */
export const CENTOS_7_REPOSITORIES: RepositorySetup = {
  config: [
    { file: '/etc/yum.conf', key: 'multilib_policy', value: 'best', citation: `${RUNTIME} l.77-78` },
    { file: '/etc/yum.conf', key: 'skip_missing_names_on_install', value: 'False', citation: `${RUNTIME} l.79-80` },
    { file: '/etc/yum.conf', key: 'override_install_langs', value: null, citation: `${RUNTIME} l.81-82` },
    // Part of the vault move: the plugin would rank mirrors that no longer exist.
    { file: '/etc/yum/pluginconf.d/fastestmirror.conf', key: 'enabled', value: '0', notOn: ['s390x'], citation: `${MIRRORS} l.18-21` },
  ],
  steps: [
    { kind: 'upgrade', citation: `${RUNTIME} l.96-98` },
    { kind: 'command', argv: ['yum', '-y', 'install', 'yum-utils', 'curl'], citation: `${RUNTIME} l.99` },
    { kind: 'command', argv: ['yum-config-manager', '--enable', 'extras'], citation: `${RUNTIME} l.100` },
    {
      kind: 'command', argv: ['yum', '-y', 'install', 'centos-release-scl-rh'], onlyOn: ['x86_64', 'aarch64', 'ppc64le', 's390x'],
      citation: `${RUNTIME} l.102-104, l.109-111`,
    },
    {
      kind: 'command', argv: ['yum', '-y', 'install', 'https://archives.fedoraproject.org/pub/archive/epel/7/x86_64/Packages/e/epel-release-7-14.noarch.rpm'],
      onlyOn: ['x86_64'], citation: `${RUNTIME} l.105-108`,
    },
    {
      kind: 'command',
      argv: ['curl', '-fsSLo', '/etc/yum.repos.d/mayeut-devtoolset-10.repo', 'https://copr.fedorainfracloud.org/coprs/mayeut/devtoolset-10/repo/custom-1/mayeut-devtoolset-10-custom-1.repo'],
      onlyOn: ['i686'], citation: `${RUNTIME} l.112-114`,
    },
  ],
  mirrors: {
    vault: { from: 'http://mirror.centos.org', to: 'https://vault.centos.org', notOn: ['s390x'], citation: `${MIRRORS} l.18-23` },
    pathRewrite: { from: '/centos/7/', to: '/altarch/7/', onlyOn: ['aarch64', 'ppc64le'], citation: `${MIRRORS} l.24-26` },
    baseurls: [
      { repo: 'os', baseurl: `${CLEFOS}/7/os`, onlyOn: ['s390x'], citation: `${MIRRORS} l.7-8` },
      { repo: 'updates', baseurl: `${CLEFOS}/7/updates`, onlyOn: ['s390x'], citation: `${MIRRORS} l.9` },
      { repo: 'extras', baseurl: `${CLEFOS}/7/extras`, onlyOn: ['s390x'], citation: `${MIRRORS} l.10` },
      { repo: 'centosplus', baseurl: `${CLEFOS}/7/centosplus`, onlyOn: ['s390x'], citation: `${MIRRORS} l.11` },
      { repo: 'clefos-rh', baseurl: `${CLEFOS}/7/sclo/s390x/rh`, onlyOn: ['s390x'], citation: `${MIRRORS} l.12-14` },
      { repo: 'epel', baseurl: `${CLEFOS}/epel7`, onlyOn: ['s390x'], citation: `${MIRRORS} l.15-17` },
    ],
  },
};

/**
 * Enterprise Linux 8 and later (AlmaLinux, Rocky Linux): no documentation files; EPEL (not
 * built for i686 and riscv64) and the repository of extra devel packages, `powertools` on EL8
 * and `crb` from EL9 on; then everything upgraded.
 */
export function enterpriseLinuxRepositories(develRepository: 'powertools' | 'crb'): RepositorySetup {
  const epel = `${RUNTIME} l.123-129`;
  return {
    config: [{ file: '/etc/dnf/dnf.conf', key: 'tsflags', value: 'nodocs', citation: `${RUNTIME} l.122` }],
    steps: [
      { kind: 'command', argv: ['dnf', '-y', 'install', 'dnf-plugins-core', 'epel-release'], notOn: ['i686', 'riscv64'], citation: epel },
      { kind: 'command', argv: ['dnf', '-y', 'install', 'dnf-plugins-core'], onlyOn: ['i686', 'riscv64'], citation: epel },
      { kind: 'command', argv: ['dnf', 'config-manager', '--set-enabled', develRepository], citation: `${RUNTIME} l.130-134` },
      { kind: 'upgrade', citation: `${RUNTIME} l.135` },
    ],
  };
}
