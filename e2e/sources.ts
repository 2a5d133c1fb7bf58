/**
 * Native sources of the end-to-end fleet, from the Debian archive's package pool (the upstream
 * hosts are out of reach here). Every sha256 was read from a Debian `main/source/Sources` index
 * whose InRelease signature gpgv verified against debian-archive-keyring and whose own sha256
 * matched the one InRelease lists (read 2026-11-21). Where Debian serves upstream's tarball
 * byte for byte (same sha256 as upstream's pin), the published record is used with a mirror.
 */
import { CURL, MPDECIMAL, OPENSSL, TK } from '../policies';
import type { NativeSource } from '../policies';

const POOL = 'http://deb.debian.org/debian/pool/main';
const sources = (suite: string, name: string) => `Debian ${suite} main/source/Sources (${name} Checksums-Sha256), read 2026-11-21`;

/** The published records whose exact tarball (same sha256) the Debian pool serves, with its pool URL. */
const MIRRORED: readonly (readonly [NativeSource, string])[] = [
  // forky: openssl 3.5.7-1~deb13u2, curl 8.21.0-2, mpdecimal 4.0.1-6, tk8.6 8.6.18-1.
  [OPENSSL, `${POOL}/o/openssl/openssl_3.5.7.orig.tar.gz`],
  [CURL, `${POOL}/c/curl/curl_8.21.0.orig.tar.gz`],
  [MPDECIMAL, `${POOL}/m/mpdecimal/mpdecimal_4.0.1.orig.tar.gz`],
  [TK, `${POOL}/t/tk8.6/tk8.6_8.6.18.orig.tar.gz`],
];
export const MIRRORED_SOURCES: readonly NativeSource[] = MIRRORED.map(([source]) => source);
/** `sourceMirrors` for them, by source name. */
export const E2E_SOURCE_MIRRORS: Readonly<Record<string, string>> = Object.fromEntries(MIRRORED.map(([source, url]) => [source.name, url]));

// Sources whose Debian tarball differs from upstream's pin (a repack or another version).

export const SQLITE_DEBIAN: NativeSource = {
  name: 'sqlite3', version: '3.53.4', cpythonDependency: true,
  url: `${POOL}/s/sqlite3/sqlite3_3.53.4.orig.tar.xz`,
  sha256: '05366adc8ee80c6b1faa71285b49d133c2121238ca58934b077fdeb95934abd4',
  citation: sources('forky', 'sqlite3 3.53.4-2'),
};

export const ZSTD_DEBIAN: NativeSource = {
  name: 'zstd', version: '1.5.7+dfsg', cpythonDependency: true,
  url: `${POOL}/libz/libzstd/libzstd_1.5.7+dfsg.orig.tar.xz`,
  sha256: '0c092ef267edce57ba7f3f2645c861f72eaf5e76273c6c3632869423464b90a5',
  citation: sources('trixie', 'libzstd 1.5.7+dfsg-1'),
};

export const GIT_DEBIAN: NativeSource = {
  name: 'git', version: '2.53.0', cpythonDependency: false, needs: ['openssl', 'curl'],
  url: `${POOL}/g/git/git_2.53.0.orig.tar.xz`,
  sha256: '5818bd7d80b061bbbdfec8a433d609dc8818a05991f731ffc4a561e2ca18c653',
  citation: sources('forky', 'git 1:2.53.0-1'),
};

/** A tarball made from git (no configure): its build runs autogen.sh with the autotools built here. */
export const LIBXCRYPT_DEBIAN: NativeSource = {
  name: 'libxcrypt', version: '4.5.1', cpythonDependency: true, needs: ['autoconf', 'automake', 'libtool'],
  url: `${POOL}/libx/libxcrypt/libxcrypt_4.5.1.orig.tar.xz`,
  sha256: 'bddf278d44e2ecdbf1439a52ddc0bb292921dd9f3013030a2a8461c32a45533f',
  citation: sources('forky', 'libxcrypt 1:4.5.1-1'),
};

export const TCL_DEBIAN: NativeSource = {
  name: 'tcl', version: '8.6.18+dfsg', cpythonDependency: true,
  url: `${POOL}/t/tcl8.6/tcl8.6_8.6.18+dfsg.orig.tar.gz`,
  sha256: '615a2c2e06d2931b4ff2b035d40d6fc51ba5b81f41ff15943c67d98e01edb201',
  citation: sources('forky', 'tcl8.6 8.6.18+dfsg-1'),
};

export const AUTOCONF_DEBIAN: NativeSource = {
  name: 'autoconf', version: '2.72', cpythonDependency: false,
  url: `${POOL}/a/autoconf/autoconf_2.72.orig.tar.xz`,
  sha256: 'ba885c1319578d6c94d46e9b0dceb4014caafe2490e437a0dbca3f270a223f5a',
  citation: sources('trixie', 'autoconf 2.72-3.1'),
};

export const AUTOMAKE_DEBIAN: NativeSource = {
  name: 'automake', version: '1.17', cpythonDependency: false, needs: ['autoconf'],
  url: `${POOL}/a/automake-1.17/automake-1.17_1.17.orig.tar.xz`,
  sha256: '8920c1fc411e13b90bf704ef9db6f29d540e76d232cb3b2c9f4dc4cc599bd990',
  citation: sources('trixie', 'automake-1.17 1:1.17-4'),
};

export const LIBTOOL_DEBIAN: NativeSource = {
  name: 'libtool', version: '2.5.4', cpythonDependency: false,
  url: `${POOL}/libt/libtool/libtool_2.5.4.orig.tar.xz`,
  sha256: 'd9189031edeaa6aa74695b2aeb80a8c26df50b29d8b72c991667e01adecea42c',
  citation: sources('trixie', 'libtool 2.5.4-4'),
};

/** Every native build of policies/native-sources.ts, each from the Debian pool. */
export const E2E_NATIVE_BUILDS: readonly NativeSource[] = [
  ...MIRRORED_SOURCES, SQLITE_DEBIAN, ZSTD_DEBIAN, GIT_DEBIAN, LIBXCRYPT_DEBIAN, TCL_DEBIAN,
  AUTOCONF_DEBIAN, AUTOMAKE_DEBIAN, LIBTOOL_DEBIAN,
];
