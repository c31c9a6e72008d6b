// Which files are notes, and which are images: the one place these lists live. No imports, so the
// renderer, the engine and the CLI can all use it without pulling a parser in.

/** The note formats Rhizome reads. */
/** 'logseq': the markdown pages of a Logseq graph (outline blocks, properties, markers), by the vault, not the extension. */
export type FormatId = 'markdown' | 'org' | 'logseq';

/** Note file extensions per format (lower case, with the dot). A format is read once it is listed here
 *  and in registry.ts. */
export const NOTE_EXTENSIONS: Readonly<Partial<Record<FormatId, readonly string[]>>> = {
  markdown: ['.md', '.markdown'],
  org: ['.org'],
};

/** Image files a note may show (figures, `![[x.png]]`, org `[[file:x.png]]`). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.avif', '.bmp', '.ico'];

/** Files a note may embed besides images (watched so an embed's presence stays current). */
export const MEDIA_EXTENSIONS: readonly string[] = ['.pdf', '.mp4', '.webm', '.mov', '.mp3', '.ogg', '.wav', '.m4a'];

/** Every note extension, of every format. */
export function noteExtensions(): string[] {
  return Object.values(NOTE_EXTENSIONS).flat() as string[];
}

function extensionOf(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  const dot = name.lastIndexOf('.');
  return dot > slash + 1 ? name.slice(dot).toLowerCase() : '';
}

const BY_EXTENSION = new Map<string, FormatId>();
for (const [id, exts] of Object.entries(NOTE_EXTENSIONS) as [FormatId, readonly string[]][]) for (const e of exts) BY_EXTENSION.set(e, id);
const IMAGES = new Set(IMAGE_EXTENSIONS);
const EMBEDDABLE = new Set([...IMAGE_EXTENSIONS, ...MEDIA_EXTENSIONS]);

/** The format of a note file by its name, or null when it is not a note. */
export function formatOfFile(name: string): FormatId | null {
  return BY_EXTENSION.get(extensionOf(name)) ?? null;
}

export function isNoteFile(name: string): boolean {
  return BY_EXTENSION.has(extensionOf(name));
}

export function isImageFile(name: string): boolean {
  return IMAGES.has(extensionOf(name));
}

/** An image or other media file a note may embed. */
export function isEmbeddableFile(name: string): boolean {
  return EMBEDDABLE.has(extensionOf(name));
}

/** A note file's name without its note extension (`a/b.md` → `a/b`); other names unchanged. */
export function stripNoteExtension(name: string): string {
  return BY_EXTENSION.has(extensionOf(name)) ? name.slice(0, name.lastIndexOf('.')) : name;
}
