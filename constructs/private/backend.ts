import { LocalBackend, S3Backend } from 'cdktf';
import type { TerraformStack } from 'cdktf';
import * as path from 'path';

/** Where Terraform keeps each image stack's state. */
export type BackendConfig =
  | {
    readonly type: 'local';
    /**
     * Directory for `<image id>.tfstate` files.
     *
     * @default - the project directory (cdktf's default: `terraform.<stack>.tfstate`)
     */
    readonly dir?: string;
  }
  | {
    readonly type: 's3';
    readonly bucket: string;
    readonly region: string;
    /**
     * Prefix of each stack's state key (`<prefix><image id>.tfstate`).
     *
     * @default 'manylinux-fleet/'
     */
    readonly keyPrefix?: string;
  };

/** Gives a stack the configured backend (none for cdktf's default local state). */
export function addBackend(stack: TerraformStack, backend: BackendConfig): void {
  const id = stack.node.id;
  if (backend.type === 's3') {
    new S3Backend(stack, { bucket: backend.bucket, region: backend.region, key: `${backend.keyPrefix ?? 'manylinux-fleet/'}${id}.tfstate` });
  } else if (backend.dir !== undefined) {
    new LocalBackend(stack, { path: path.resolve(backend.dir, `${id}.tfstate`) });
  }
}
