/**
 * Derived per-corpus data built with the index and cached with it. A feature above search that needs
 * an artifact computed from the papers when the index is built (term associations, say) registers a
 * section: a name, a version, and the module that builds it. The section is built right after the
 * index, written into the same cache entry (under the same key, which counts the section's name and
 * version), checked and read back with it, and handed out by `PaperIndex.section(name)`.
 *
 * The builder is named by module URL, not passed as a function, because a rebuild runs in a worker
 * thread: search imports nothing above it, and the worker imports the module itself.
 */
import { addExtension, PaperIndex, type IndexImage } from './paper-index.js';
import type { SectionVersion } from './cache.js';

export interface SectionSpec extends SectionVersion {
  /**
   * URL of an ES module exporting `buildSection(index: PaperIndex): Uint8Array | Promise<Uint8Array>`
   * (`new URL('./associations.js', import.meta.url).href`). Return a typed array's bytes
   * (`bytesOf(array)` from `image.ts`); `PaperIndex.section(name)` gives them back in a buffer of
   * their own, to view with `viewAs(bytes, Float32Array)`.
   */
  module: string;
}

export interface SectionModule {
  buildSection(index: PaperIndex): Uint8Array | Promise<Uint8Array>;
}

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;

/** What of the sections goes into the cache key. */
export function sectionVersions(specs: readonly SectionSpec[]): SectionVersion[] {
  return specs.map(({ name, version }) => ({ name, version }));
}

/** Builds every section over the freshly built `image` and adds it there. */
export async function buildSections(image: IndexImage, files: readonly string[], specs: readonly SectionSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const index = PaperIndex.fromImage(image, files);
  for (const spec of specs) {
    if (!NAME_RE.test(spec.name)) throw new Error(`index section name "${spec.name}": use lowercase letters, digits and dashes`);
    const module = (await import(spec.module)) as Partial<SectionModule>;
    if (typeof module.buildSection !== 'function') throw new Error(`${spec.module} exports no buildSection(index) for the index section ${spec.name}`);
    addExtension(image, spec.name, await module.buildSection(index));
  }
}
