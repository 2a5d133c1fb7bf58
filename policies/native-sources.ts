import type { NativeSource } from './types';

/**
 * Native dependencies built from source, each a sha256-pinned tarball. Every url and sha256 was
 * copied from shared/reference/pinned-sources.json (read there from pypa/manylinux's Dockerfile,
 * cross-checked against other public recipes).
 */

export const OPENSSL: NativeSource = {
  name: 'openssl',
  version: '3.5.7',
  cpythonDependency: true,
  url: 'https://github.com/openssl/openssl/releases/download/openssl-3.5.7/openssl-3.5.7.tar.gz',
  sha256: 'a8c0d28a529ca480f9f36cf5792e2cd21984552a3c8e4aa11a24aa31aeac98e8',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const SQLITE: NativeSource = {
  name: 'sqlite3',
  version: '3.53.2',
  cpythonDependency: true,
  url: 'https://www.sqlite.org/2026/sqlite-autoconf-3530200.tar.gz',
  sha256: '588ad51949419a56ebe81fe56193d510c559eb94c9a57748387860b5d3069316',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const MPDECIMAL: NativeSource = {
  name: 'mpdecimal',
  version: '4.0.1',
  cpythonDependency: true,
  url: 'https://www.bytereef.org/software/mpdecimal/releases/mpdecimal-4.0.1.tar.gz',
  sha256: '96d33abb4bb0070c7be0fed4246cd38416188325f820468214471938545b1ac8',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const ZSTD: NativeSource = {
  name: 'zstd',
  version: '1.5.7',
  cpythonDependency: true,
  url: 'https://github.com/facebook/zstd/releases/download/v1.5.7/zstd-1.5.7.tar.gz',
  sha256: 'eb33e51f49a15e023950cd7825ca74a4a2b43db8354825ac24fc1b7ee09e6fa3',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const GIT: NativeSource = {
  name: 'git',
  version: '2.54.0',
  cpythonDependency: false,
  needs: ['openssl', 'curl'],
  url: 'https://www.kernel.org/pub/software/scm/git/git-2.54.0.tar.gz',
  sha256: '45e8107643a44e3ce46f5665beb35af3932fb0d70017687905ab5d4e3aafa8eb',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const CURL: NativeSource = {
  name: 'curl',
  version: '8.21.0',
  cpythonDependency: false,
  needs: ['openssl'],
  url: 'https://curl.haxx.se/download/curl-8.21.0.tar.gz',
  sha256: 'd9b327997999045a24cda50f3983e69e51c516bd8be6ef9842fc7f99135e33bb',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const LIBXCRYPT: NativeSource = {
  name: 'libxcrypt',
  version: '4.5.2',
  cpythonDependency: true,
  url: 'https://github.com/besser82/libxcrypt/releases/download/v4.5.2/libxcrypt-4.5.2.tar.xz',
  sha256: '71513a31c01a428bccd5367a32fd95f115d6dac50fb5b60c779d5c7942aec071',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const TCL: NativeSource = {
  name: 'tcl',
  version: '8.6.18',
  cpythonDependency: true,
  url: 'https://prdownloads.sourceforge.net/tcl/tcl8.6.18-src.tar.gz',
  sha256: '14f9af32b1767ff718477a8f974ad03c34341097e6b43f4ce54644ee974e268e',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const TK: NativeSource = {
  name: 'tk',
  version: '8.6.18',
  cpythonDependency: true,
  needs: ['tcl'],
  url: 'https://prdownloads.sourceforge.net/tcl/tk8.6.18-src.tar.gz',
  sha256: '95cd528a80f5e4bdb557af9b14a7197d6860793a3894e25e7c9fad2ed05d4c3c',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

// The GNU build tools, built into /usr/local where the distro's are older (libtool always:
// upstream installs no distro libtool).

export const AUTOCONF: NativeSource = {
  name: 'autoconf',
  version: '2.73',
  cpythonDependency: false,
  url: 'https://ftpmirror.gnu.org/gnu/autoconf/autoconf-2.73.tar.gz',
  sha256: '259ddfa3bddc799cfb81489cc0f17dfdf1bd6d1505dda53c0f45ff60d6a4f9a7',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const AUTOMAKE: NativeSource = {
  name: 'automake',
  version: '1.18.1',
  cpythonDependency: false,
  needs: ['autoconf'],
  url: 'https://ftpmirror.gnu.org/gnu/automake/automake-1.18.1.tar.gz',
  sha256: '63e585246d0fc8772dffdee0724f2f988146d1a3f1c756a3dc5cfbefa3c01915',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

export const LIBTOOL: NativeSource = {
  name: 'libtool',
  version: '2.5.4',
  cpythonDependency: false,
  url: 'https://ftpmirror.gnu.org/gnu/libtool/libtool-2.5.4.tar.gz',
  sha256: 'da8ebb2ce4dcf46b90098daf962cffa68f4b4f62ea60f798d0ef12929ede6adf',
  citation: 'pypa/manylinux@ad3c453962dd6d0644f765dcc19cc79c6123b9a0:docker/Dockerfile',
};

/** Built for every image: newer than any distro ships, and CPython needs them. */
export const COMMON_NATIVE_BUILDS: readonly NativeSource[] = [AUTOCONF, AUTOMAKE, LIBTOOL, SQLITE, MPDECIMAL, ZSTD, GIT];

/** Every native source, by name. */
export const NATIVE_SOURCES: readonly NativeSource[] = [OPENSSL, SQLITE, MPDECIMAL, ZSTD, GIT, CURL, LIBXCRYPT, TCL, TK, AUTOCONF, AUTOMAKE, LIBTOOL];
