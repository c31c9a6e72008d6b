// Scroll positions of a view, kept per history entry, so back/forward (and a reload) return to the place
// the user left. Every scrolled element under the view's root is named by its first class and its rank
// among elements of that class (`note-scroll:0`), which the same view draws again on its way back. Where the
// content marks its source lines (`data-line`, the note body), the place is held as "this line, this many
// pixels from the top", so images that load later (and move everything below them) do not lose it.

export interface ScrollPlace {
  top: number;
  /** data-line of the first marked element reaching into the visible area, and its offset from the top. */
  line?: string;
  nth?: number;
  offset?: number;
}
export type ScrollMemory = Record<string, ScrollPlace>;

function keyOf(root: Element, el: Element): string | null {
  const cls = el.classList[0];
  if (!cls) return null;
  const same = root.querySelectorAll(`.${CSS.escape(cls)}`);
  return `${cls}:${Array.prototype.indexOf.call(same, el)}`;
}

function find(root: Element, key: string): Element | null {
  const at = key.lastIndexOf(':');
  const cls = key.slice(0, at);
  return root.querySelectorAll(`.${CSS.escape(cls)}`)[Number(key.slice(at + 1))] ?? null;
}

/** The first element marked with data-line whose bottom is below the container's top edge: its mark, its rank among
 *  elements of the same mark (nested blocks share their first line) and its offset from the top. */
function lineAtTop(el: Element): { line: string; nth: number; offset: number } | null {
  const top = el.getBoundingClientRect().top;
  for (const m of el.querySelectorAll('[data-line]')) {
    const box = m.getBoundingClientRect();
    if (box.bottom > top + 1 && box.height > 0) {
      const line = m.getAttribute('data-line')!;
      const nth = Array.prototype.indexOf.call(el.querySelectorAll(`[data-line="${CSS.escape(line)}"]`), m);
      return { line, nth, offset: box.top - top };
    }
  }
  return null;
}

/** The scroll places of every scrolled element under `root` (none: null). */
export function captureScroll(root: Element | null): ScrollMemory | null {
  if (!root) return null;
  const out: ScrollMemory = {};
  let any = false;
  for (const el of root.querySelectorAll('*')) {
    if (el.scrollTop > 0) {
      const key = keyOf(root, el);
      if (key) {
        out[key] = { top: Math.round(el.scrollTop), ...lineAtTop(el) };
        any = true;
      }
    }
  }
  return any ? out : null;
}

/** Where `el` should be scrolled to for `place`, or null when its content is not there (yet). */
function targetOf(el: Element, place: ScrollPlace): number | null {
  if (place.line !== undefined) {
    const m = el.querySelectorAll(`[data-line="${CSS.escape(place.line)}"]`)[place.nth ?? 0];
    if (m) return Math.round(el.scrollTop + (m.getBoundingClientRect().top - el.getBoundingClientRect().top) - (place.offset ?? 0));
  }
  return el.scrollHeight - el.clientHeight >= place.top - 1 ? place.top : null;
}

/**
 * Puts the places back as the view draws itself: every frame for up to `ms`, each element is scrolled as
 * soon as its content is there, and kept there until it has settled (a view that scrolls itself to an
 * anchor on load is overruled; images loading above the place are followed). The user's own wheel, key or
 * pointer stops it. Returns a cancel function.
 */
export function restoreScroll(rootOf: () => Element | null, memory: ScrollMemory, ms = 10_000): () => void {
  let stopped = false;
  let stable = 0;
  const start = performance.now();
  const events = ['wheel', 'keydown', 'pointerdown', 'touchstart'];
  const stop = () => {
    stopped = true;
    for (const t of events) window.removeEventListener(t, stop, true);
  };
  for (const t of events) window.addEventListener(t, stop, true);
  const tick = () => {
    if (stopped) return;
    const root = rootOf();
    let all = !!root;
    let moved = false;
    for (const [key, place] of Object.entries(root ? memory : {})) {
      const el = find(root!, key);
      const target = el ? targetOf(el, place) : null;
      if (el === null || target === null) {
        all = false;
        continue;
      }
      const max = el.scrollHeight - el.clientHeight;
      if (Math.abs(el.scrollTop - Math.min(target, max)) > 1) {
        el.scrollTop = target;
        moved = true;
      }
    }
    stable = all && !moved ? stable + 1 : 0;
    // settled: every element in place for 20 frames in a row (about a third of a second)
    if (stable >= 20 || performance.now() - start > ms) return stop();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return stop;
}
