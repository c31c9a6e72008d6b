// The context a note's text is drawn with, from what the index read of it (NoteDetail): the note view draws
// the whole body with it, the previews the first section.
import type { RenderContext } from '../../shared/formats/render';
import type { NoteDetail } from '../../shared/types';

/** What a note's text is drawn with (its whole body in the note view, its first section in a preview): what
 *  the index read of it. */
export function noteContext(note: NoteDetail): RenderContext {
  return {
    bodyLine: note.bodyLine, headings: note.headings, outgoing: note.outgoing, figures: note.figures, todos: note.todos,
    // (Logseq: the pages and blocks it embeds, drawn inline; the note itself is the outermost of them)
    ...(note.embeds ? { embeds: note.embeds, embedPath: [note.id] } : {}),
    // (Logseq: the graph's user macros, drawn as the text they stand for; its org read as Logseq reads it)
    ...(note.macros ? { macros: note.macros } : {}),
    ...(note.logseq ? { logseqGraph: true } : {}),
    // (org: the TODO keywords the index read this note's headings with)
    todoKeywords: {
      open: [...new Set(note.todos.filter((t) => t.state === 'open' && t.kind !== 'checkbox').map((t) => t.keyword))],
      done: [...new Set(note.todos.filter((t) => t.state === 'done' && t.kind !== 'checkbox').map((t) => t.keyword))],
    },
  };
}
