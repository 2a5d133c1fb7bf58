import type { Citation, PackageManager } from './types';

const UTILS = 'pypa/manylinux@ad3c453:docker/build_scripts/build_utils.sh';
const UPDATE = 'pypa/manylinux@ad3c453:docker/build_scripts/update-system-packages.sh';

/** A command line: the program and its arguments, run without a shell. */
export type Argv = readonly string[];

/** The command lines of one package manager, as the image's scripts run them. */
export interface PackageManagerCommands {
  /** Installs the packages named after it; fails on an unknown name. */
  readonly install: Argv;
  /** Upgrades every installed package, in order (refreshing the index first where needed). */
  readonly upgrade: readonly Argv[];
  /** Refreshes the package index. */
  readonly refresh: Argv;
  readonly citation: Citation;
}

/** apt-get with no prompt from debconf. */
const aptGet = (...args: string[]): Argv => ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];

/**
 * The package managers of the base images: the one home of their command lines. Every install
 * is non-interactive (`-y`) and fails on a missing package, naming it (yum only with
 * `skip_missing_names_on_install=False`, set by CentOS 7's configuration in base-images.ts).
 */
export const PACKAGE_MANAGERS: Readonly<Record<PackageManager, PackageManagerCommands>> = {
  yum: {
    install: ['yum', '-y', 'install'],
    upgrade: [['yum', '-y', 'update']],
    refresh: ['yum', '-y', 'makecache'],
    citation: `${UTILS} l.77-78 (install); ${UPDATE} l.15-16 (upgrade)`,
  },
  dnf: {
    // install_weak_deps=False: ours, keeps the images small (upstream takes the weak dependencies).
    install: ['dnf', '-y', 'install', '--allowerasing', '--setopt=install_weak_deps=False'],
    upgrade: [['dnf', '-y', 'upgrade']],
    refresh: ['dnf', '-y', 'makecache'],
    citation: `${UTILS} l.79-80 (install --allowerasing); ${UPDATE} l.22-23 (upgrade)`,
  },
  apt: {
    install: aptGet('install', '-y', '-q', '--no-install-recommends'),
    upgrade: [aptGet('update', '-q'), aptGet('upgrade', '-y', '-q')],
    refresh: aptGet('update', '-q'),
    citation: `${UTILS} l.81-83 (install); ${UPDATE} l.24-26 (update, upgrade)`,
  },
  apk: {
    install: ['apk', 'add', '--no-cache'],
    upgrade: [['apk', 'upgrade', '--no-cache']],
    refresh: ['apk', 'update'],
    citation: `${UTILS} l.84-85 (add --no-cache); ${UPDATE} l.27-28 (upgrade --no-cache)`,
  },
};
