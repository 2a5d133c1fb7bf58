import { createHash } from 'crypto';
import { readZipMember } from './zip';

/**
 * PyPI's JSON API (https://docs.pypi.org/api/json/): a project's releases with their files
 * (name, sha256, Requires-Python, yanked, URL) and, for a release's Requires-Dist, the core
 * metadata file PyPI serves beside a wheel (PEP 658: `<wheel url>.metadata`, its sha256 in the
 * file's `core-metadata`) or, where there is none, the METADATA inside the smallest wheel (its
 * sha256 checked first). The per-release JSON endpoint is not reachable from here.
 * Responses are cached per process; tests replace the fetcher with recorded responses.
 */

export interface ReleaseFile {
  readonly filename: string;
  readonly sha256: string;
  readonly requiresPython: string;
  readonly yanked: boolean;
  readonly url: string;
  readonly size: number;
  /** sha256 of the PEP 658 metadata file, when PyPI serves one. */
  readonly metadataSha256?: string;
}

/** What the resolver reads from a package index. */
export interface PackageIndex {
  /** Every release of a project: version → files. */
  releases(project: string): Promise<Readonly<Record<string, readonly ReleaseFile[]>>>;
  /** The Requires-Dist lines of one release. */
  requiresDist(project: string, version: string): Promise<readonly string[]>;
}

/** Fetches a document (the real one uses HTTPS; tests read recorded files). */
export type Fetcher = (url: string) => Promise<Buffer>;

export const PYPI = 'https://pypi.org/pypi';

/** PEP 503 normalized project name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

interface FileJson {
  readonly filename: string;
  readonly url: string;
  readonly size: number;
  readonly digests: { readonly sha256: string };
  readonly requires_python: string | null;
  readonly yanked: boolean;
  readonly 'core-metadata'?: false | { readonly sha256?: string };
}

interface ProjectJson {
  readonly releases?: Record<string, readonly FileJson[]>;
}

export const httpsFetcher: Fetcher = async (url) => {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return Buffer.from(await response.arrayBuffer());
};

/** The Requires-Dist values of a core metadata file (RFC 822 headers; continuation lines joined). */
export function requiresDistOf(metadata: string): string[] {
  const headers = metadata.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return headers.split(/\r?\n/).filter((l) => /^requires-dist:/i.test(l)).map((l) => l.slice(l.indexOf(':') + 1).trim());
}

function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Downloads `url` and checks it against the sha256 PyPI lists for it. */
async function fetchVerified(fetchData: Fetcher, url: string, sha256: string): Promise<Buffer> {
  const data = await fetchData(url);
  if (sha256Of(data) !== sha256) {
    throw new Error(`${url}: sha256 ${sha256Of(data)} differs from PyPI's ${sha256}`);
  }
  return data;
}

export function pypiIndex(fetchData: Fetcher = httpsFetcher, base: string = PYPI): PackageIndex {
  const projects = new Map<string, Promise<Record<string, ReleaseFile[]>>>();
  const load = (name: string) => fetchData(`${base}/${name}/json`).then((data) => {
    const page = `${base}/${name}/json`;
    const json = JSON.parse(data.toString('utf8')) as ProjectJson;
    // File URLs may be relative to the page (a mirror's are): resolved here.
    return Object.fromEntries(Object.entries(json.releases ?? {}).map(([version, files]) => [version, files.map((f) => ({
      filename: f.filename, sha256: f.digests.sha256, requiresPython: f.requires_python ?? '', yanked: f.yanked, url: new URL(f.url, page).href, size: f.size,
      metadataSha256: f['core-metadata'] ? f['core-metadata'].sha256 : undefined,
    }))]));
  });
  const index: PackageIndex = {
    releases(project) {
      const name = normalizeName(project);
      if (!projects.has(name)) {
        projects.set(name, load(name));
      }
      return projects.get(name)!;
    },
    async requiresDist(project, version) {
      const wheels = ((await index.releases(project))[version] ?? []).filter((f) => f.filename.endsWith('.whl'));
      const described = wheels.find((f) => f.metadataSha256);
      if (described) {
        try {
          return requiresDistOf((await fetchVerified(fetchData, `${described.url}.metadata`, described.metadataSha256!)).toString('utf8'));
        } catch {
          // listed but not served (seen on this machine's mirror): read the wheel instead
        }
      }
      const smallest = [...wheels].sort((a, b) => a.size - b.size)[0];
      if (!smallest) {
        throw new Error(`${project} ${version}: PyPI lists no wheel to read its dependencies from`);
      }
      const metadata = readZipMember(await fetchVerified(fetchData, smallest.url, smallest.sha256), (n) => /^[^/]+\.dist-info\/METADATA$/.test(n));
      if (!metadata) {
        throw new Error(`${smallest.filename}: no .dist-info/METADATA in the wheel`);
      }
      return requiresDistOf(metadata.toString('utf8'));
    },
  };
  return index;
}
