// A rendered, sanitized note body (in its format's grammar) with in-app link handling. Used by the note view and TODO bodies.
import { useContext, useMemo, type MouseEvent, type Ref } from 'react';
import type { RhizomeClient } from '../../shared/api';
import type { Navigate } from '../nav';
import { renderNote, type RenderContext } from '../../shared/formats/render';
import type { FormatId } from '../../shared/formats/extensions';
import { sanitize } from './sanitize';
import { SettingsContext } from '../settings';
import './markdown.css';
import './logseq.css';

export interface MarkdownProps {
  /** The note's format: its body is drawn with that format's grammar (default markdown). */
  format?: FormatId;
  body: string;
  ctx?: RenderContext;
  client: RhizomeClient;
  navigate: Navigate;
  className?: string;
  ref?: Ref<HTMLDivElement>;
}

export default function Markdown({ format = 'markdown', body, ctx, client, navigate, className, ref }: MarkdownProps) {
  const { remoteImages } = useContext(SettingsContext);
  const html = useMemo(
    () => sanitize(renderNote(format, body, { fileUrl: client.assetUrl?.bind(client), ...ctx }), { remoteImages }),
    [format, body, ctx, client, remoteImages],
  );
  const onClick = (e: MouseEvent<HTMLDivElement>) => handleLinkClick(e, client, navigate);
  return <div ref={ref} className={`rz-markdown ${className ?? ''}`} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Clicks on links inside rendered markdown: internal → in-app route, external → system browser. */
function handleLinkClick(e: MouseEvent<HTMLDivElement>, client: RhizomeClient, navigate: Navigate): void {
  const a = (e.target as HTMLElement).closest('a');
  if (!a || !e.currentTarget.contains(a)) return;
  const href = a.getAttribute('href') ?? '';
  const note = a.dataset.note;
  if (note) {
    e.preventDefault();
    navigate({ view: 'note', id: note, anchor: a.dataset.anchor ?? null });
  } else if (a.classList.contains('rz-internal')) {
    e.preventDefault();
  } else if (/^(https?:|mailto:)/i.test(href)) {
    openExternal(e, client, href);
  } else if (href.startsWith('#') && href.length > 1) {
    e.preventDefault();
    const target = e.currentTarget.querySelector(`[id="${CSS.escape(safeDecode(href.slice(1)))}"]`);
    target?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  } else {
    e.preventDefault();
  }
}

/** An external link: the system browser in Electron; in browser mode the link's own target=_blank. */
export function openExternal(e: { preventDefault(): void }, client: RhizomeClient, url: string): void {
  if (client.host === 'electron') {
    e.preventDefault();
    void client.openExternal({ url });
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
