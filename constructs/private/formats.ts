/**
 * Shapes of the strings the fleet accepts, from the OCI distribution spec
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests)
 * and Docker's reference grammar (distribution/reference: reference.go).
 */

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]{1,5})?`;

/** A registry host with an optional namespace path: `localhost:5000`, `quay.io/pypa`. */
export const REGISTRY = new RegExp(`^${DOMAIN}(?:/${COMPONENT})*$`);

/** A tag: `latest`, `2026.08.15-1`, `spec-0123456789ab`. */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** A digest pinned by sha256. */
export const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A bare sha256. */
export const SHA256 = /^[0-9a-f]{64}$/;

/** An image reference with an optional tag (digests are given separately). */
export const IMAGE_REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`);

/** A GitHub repository, `owner/name`. */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** A Docker engine address the kreuzwerker provider can dial. */
export const DOCKER_HOST = /^(?:unix:\/\/\/\S+|tcp:\/\/\S+|ssh:\/\/\S+|npipe:\/\/\S+)$/;

/** A download URL. */
export const URL_PATTERN = /^https?:\/\/[^\s'"`$\\]+$/;

/** The schemes a Docker host may use, for messages. */
export const DOCKER_HOST_SCHEMES = ['unix:///path', 'tcp://host:port', 'ssh://user@host', 'npipe://path'];
