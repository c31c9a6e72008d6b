import { describe, expect, it } from 'vitest';
import { Anchors, headingText, slugify, splitHeading } from '../../shared/formats/markdown/heading';

describe('heading', () => {
  it('splits {#id} and closing hashes', () => {
    expect(splitHeading(' FAQ {#faq}')).toEqual({ content: 'FAQ', explicitId: 'faq' });
    expect(splitHeading(' Title ##')).toEqual({ content: 'Title', explicitId: null });
    expect(splitHeading(' C# rocks')).toEqual({ content: 'C# rocks', explicitId: null });
    expect(splitHeading(' X {#x .cls}')).toEqual({ content: 'X', explicitId: 'x' });
  });

  it('text: entities decoded, org spans and link syntax stripped', () => {
    expect(headingText('Nix &amp; [WebAssembly]({{< relref "20230510200213-webassembly.md" >}})')).toBe('Nix & WebAssembly');
    expect(headingText('<span class="org-todo todo TODO">TODO</span> NixOS Module vs Flake')).toBe('NixOS Module vs Flake');
    expect(headingText('Table of contents <span class="tag"><span class="TOC">TOC</span></span>')).toBe('Table of contents');
    expect(headingText('<span class="org-priority priority-B">[#B]</span>Citar and Zotero')).toBe('Citar and Zotero');
    expect(headingText('`code` and **bold**')).toBe('code and bold');
  });

  it("Hugo's generated ids: lowercase, punctuation dropped except - and _, spaces to -", () => {
    expect(slugify('Hello, World!')).toBe('hello-world');
    expect(slugify('Remote machines (Servers/VMs etc)')).toBe('remote-machines-serversvms-etc');
    expect(slugify('snake_case and-dash')).toBe('snake_case-and-dash');
    expect(slugify('Ünïcode 2024')).toBe('ünïcode-2024');
  });

  it('duplicates get -1, -2; explicit ids are kept as written', () => {
    const a = new Anchors();
    expect([a.generated('Links'), a.generated('Links'), a.explicit('faq'), a.generated('FAQ'), a.generated('Links')])
      .toEqual(['links', 'links-1', 'faq', 'faq-1', 'links-2']);
  });
});
