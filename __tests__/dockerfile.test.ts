import { environmentContract, renderDockerfile } from '../constructs';
import { resolveImageSpec } from '../constructs/private/image-spec';
import { manylinux2014, manylinux_2_28, manylinux_2_31, manylinux_2_34, musllinux_1_2 } from '../policies';

const spec = (policy: Parameters<typeof resolveImageSpec>[0]['policy'], arch: string, extra = {}) =>
  resolveImageSpec({ policy, arch, ...extra });

describe('renderDockerfile', () => {
  test('starts FROM the policy base image for the arch', () => {
    expect(renderDockerfile(spec(manylinux_2_28, 'aarch64'))).toMatch(/^FROM quay\.io\/almalinux\w*\/almalinux:8 AS runtime_base$/m);
    expect(renderDockerfile(spec(musllinux_1_2, 'riscv64'))).toMatch(/^FROM alpine:3\.22 AS runtime_base$/m);
  });

  test('pins the base by digest when one is given', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(renderDockerfile(spec(manylinux_2_28, 'x86_64', { baseDigest: digest })))
      .toMatch(new RegExp(`^FROM quay\\.io/almalinuxorg/almalinux:8@${digest} AS runtime_base$`, 'm'));
  });

  test('sets the environment contract', () => {
    const text = renderDockerfile(spec(manylinux_2_28, 'x86_64'));
    expect(text).toContain('AUDITWHEEL_POLICY="manylinux_2_28"');
    expect(text).toContain('AUDITWHEEL_ARCH="x86_64"');
    expect(text).toContain('AUDITWHEEL_PLAT="manylinux_2_28_x86_64"');
    expect(text).toContain('LC_ALL="en_US.UTF-8"');
    expect(text).toContain('PKG_CONFIG_PATH="/usr/local/lib/pkgconfig"');
    expect(text).toContain('PATH="/opt/rh/gcc-toolset-14/root/usr/bin:${PATH}"');
  });

  test('LD_LIBRARY_PATH follows the toolchain, with the 32-bit directories on i686', () => {
    const env = (s: ReturnType<typeof spec>) => Object.fromEntries(environmentContract(s));
    expect(env(spec(manylinux2014, 'x86_64')).LD_LIBRARY_PATH).toBe(
      '/opt/rh/devtoolset-10/root/usr/lib64:/opt/rh/devtoolset-10/root/usr/lib:/opt/rh/devtoolset-10/root/usr/lib64/dyninst:/opt/rh/devtoolset-10/root/usr/lib/dyninst:/usr/local/lib64');
    expect(env(spec(manylinux2014, 'i686')).LD_LIBRARY_PATH).toBe(
      '/opt/rh/devtoolset-10/root/usr/lib:/opt/rh/devtoolset-10/root/usr/lib/dyninst');
    expect(env(spec(manylinux_2_31, 'armv7l'))).toMatchObject({ LD_LIBRARY_PATH: '', DEVTOOLSET_ROOTPATH: '', PATH: '${PATH}' });
  });

  test('puts /usr/local/bin first where the x86-64 gcc wrapper must win', () => {
    const env = (arch: string) => Object.fromEntries(environmentContract(spec(manylinux_2_34, arch)));
    expect(env('x86_64').PATH).toBe('/usr/local/bin:/opt/rh/gcc-toolset-14/root/usr/bin:${PATH}');
    expect(env('aarch64').PATH).toBe('/opt/rh/gcc-toolset-14/root/usr/bin:${PATH}');
  });

  test('installs the entrypoint and ends with labels and CMD', () => {
    const text = renderDockerfile(spec(musllinux_1_2, 'armv7l'));
    expect(text).toContain('ADD build.tar /opt/_internal/build/');
    expect(text).toContain('RUN ["install","-m","0755","/opt/_internal/build/manylinux-entrypoint","/usr/local/bin/manylinux-entrypoint"]');
    expect(text).toContain('ENTRYPOINT ["manylinux-entrypoint"]');
    expect(text).toContain('org.opencontainers.image.title="musllinux_1_2_armv7l"');
    expect(text).toContain('org.opencontainers.image.base.name="alpine:3.22"');
    expect(text.trimEnd().split('\n').pop()).toBe('CMD ["/bin/bash"]');
  });

  test('uses no BuildKit-only syntax (the provider may use the classic builder)', () => {
    const text = renderDockerfile(spec(manylinux2014, 's390x'));
    expect(text).not.toMatch(/# syntax=|--chmod|--mount|<</);
  });
});
