/**
 * One Dockerfile instruction. The renderer below is the only place that turns these into text.
 */
export type Instruction =
  | { readonly kind: 'env'; readonly vars: readonly (readonly [string, string])[] }
  | { readonly kind: 'arg'; readonly names: readonly string[] }
  | { readonly kind: 'copy'; readonly from?: string; readonly sources: readonly string[]; readonly dest: string }
  | { readonly kind: 'add'; readonly source: string; readonly dest: string }
  | { readonly kind: 'run'; readonly argv: readonly string[] }
  | { readonly kind: 'workdir'; readonly path: string }
  | { readonly kind: 'label'; readonly labels: readonly (readonly [string, string])[] }
  | { readonly kind: 'entrypoint'; readonly argv: readonly string[] }
  | { readonly kind: 'cmd'; readonly argv: readonly string[] };

/** One build stage. */
export interface Stage {
  readonly name: string;
  /** An image reference or an earlier stage's name. */
  readonly from: string;
  /** The platform of `from` when it is not the image's own (a cross stage runs on the build machine's). */
  readonly platform?: string;
  readonly instructions: readonly Instruction[];
}
