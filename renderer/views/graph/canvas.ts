// The drawing surface: one cytoscape instance, updated in place. Knows nothing about the API or React.
import cytoscape from 'cytoscape';
import type { Positions } from '../../../shared/types';
import { stylesheet, type Theme } from './style';

export type DrawKind = 'note' | 'tag' | 'placeholder' | 'cluster' | 'heading';

export interface DrawNode {
  id: string;
  kind: DrawKind;
  label: string;
  size: number;
  color: string;
  /** Members of a cluster node (overview of a large graph). */
  members?: number;
}

export interface DrawEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  weight: number;
}

export interface Drawing {
  nodes: DrawNode[];
  edges: DrawEdge[];
}

export interface CanvasEvents {
  select(id: string | null): void;
  open(id: string): void;
  /** The user dragged nodes: positions changed. */
  moved(): void;
}

/** Above this many nodes: thinner look, edges hidden and a texture while panning/zooming. */
const LARGE = 1000;
/** Margin (screen px) around the fitted graph. */
const FIT_PADDING = 40;
/** Labels smaller than this on screen are not drawn (unless always shown). */
const MIN_LABEL_PX = 12;

/** A rectangle in the canvas's own screen coordinates (px from its top-left corner). */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const overlaps = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Text widths of labels at 100 px (widths scale with the font size), measured once each. */
const widths = new Map<string, number>();
let measure: CanvasRenderingContext2D | null = null;
const LABEL_FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
function textWidth(text: string, px: number, bold: boolean): number {
  const key = bold ? `b\u0000${text}` : text;
  let w = widths.get(key);
  if (w === undefined) {
    measure ??= document.createElement('canvas').getContext('2d');
    if (measure) {
      measure.font = `${bold ? 'bold ' : ''}100px ${LABEL_FONT}`;
      w = measure.measureText(text).width;
    } else w = text.length * 55;
    if (widths.size > 50_000) widths.clear();
    widths.set(key, w);
  }
  return (w * px) / 100;
}

/** WebGL2 on a real GPU. Software rasterisers (SwiftShader, llvmpipe) draw slower than canvas: no. */
function webglAvailable(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|software/i.test(name);
  } catch {
    return false;
  }
}

/**
 * Label size: 11 px for ordinary nodes, growing with the node. Labels under 12 px on screen are not drawn
 * (updateLabels), so ordinary labels appear from zoom ≈ 1.1, big nodes' labels earlier.
 */
const fontOf = (n: DrawNode) => Math.round(11 + Math.max(0, n.size - 24) / 2.5);
const widthOf = (e: DrawEdge) => Math.min(8, 0.8 + Math.log2(1 + e.weight) * 1.2);

function nodeClasses(n: DrawNode): string {
  return n.kind;
}

export class GraphCanvas {
  cy: cytoscape.Core | null = null;
  private webgl = false;
  private focusId: string | null = null;
  private theme: Theme;
  private labelTimer = 0;
  private hovered: string | null = null;
  /** The viewport is the fit of the graph (no zoom or pan since): it is fitted again when the box resizes. */
  private fitted = false;
  /** Own viewport changes under way (not the user's). */
  private moving = false;
  private readonly resizer: ResizeObserver;
  /** What covers the canvas (the legend), in canvas coordinates: fitting keeps the graph out of it. */
  cover: () => Rect | null = () => null;

  constructor(
    private readonly container: HTMLElement,
    private readonly events: CanvasEvents,
    theme: Theme,
    public webglThreshold: number,
  ) {
    this.theme = theme;
    // Side panels open and close: keep cytoscape's canvas the size of its box.
    this.resizer = new ResizeObserver(() => this.resized());
    this.resizer.observe(container);
  }

  get usingWebgl(): boolean {
    return this.webgl;
  }

  /** Replaces everything (new view); fits the viewport to the result. */
  draw(d: Drawing, positions: Positions): void {
    const large = d.nodes.length > LARGE;
    const webgl = d.nodes.length > this.webglThreshold && webglAvailable();
    this.cy?.destroy();
    this.webgl = webgl;
    const cy = cytoscape({
      container: this.container,
      elements: [...d.nodes.map((n) => this.nodeDef(n, positions)), ...d.edges.map((e) => this.edgeDef(e))],
      layout: { name: 'preset', fit: false },
      style: stylesheet(this.theme, large),
      renderer: { name: 'canvas', webgl },
      hideEdgesOnViewport: large,
      textureOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      minZoom: 0.02,
      maxZoom: 6,
      boxSelectionEnabled: false,
      autoungrabify: large,
    } as cytoscape.CytoscapeOptions);
    this.cy = cy;
    this.bind(cy);
    this.fitViewport();
    this.applyFocus();
  }

  /** Updates in place: keeps the viewport, adds/removes elements, refreshes data of the others. */
  update(d: Drawing, positions: Positions): void {
    const cy = this.cy;
    if (!cy) return this.draw(d, positions);
    const nodeIds = new Set(d.nodes.map((n) => n.id));
    const edgeIds = new Set(d.edges.map((e) => e.id));
    cy.batch(() => {
      cy.elements().filter((el) => (el.isNode() ? !nodeIds.has(el.id()) : !edgeIds.has(el.id()))).remove();
      const add: cytoscape.ElementDefinition[] = [];
      for (const n of d.nodes) {
        const el = cy.getElementById(n.id);
        if (el.empty()) add.push(this.nodeDef(n, positions));
        else {
          el.data({ label: n.label, size: n.size, color: n.color, font: fontOf(n), members: n.members ?? 0 });
          el.classes(nodeClasses(n));
        }
      }
      for (const e of d.edges) {
        const el = cy.getElementById(e.id);
        if (el.empty()) add.push(this.edgeDef(e));
        else el.data({ width: widthOf(e), weight: e.weight });
      }
      if (add.length) cy.add(add);
    });
    this.applyFocus();
  }

  positions(): Positions {
    const out: Positions = {};
    this.cy?.nodes().forEach((n) => {
      const p = n.position();
      out[n.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
    });
    return out;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    const cy = this.cy;
    if (cy) cy.style(stylesheet(theme, cy.nodes().length > LARGE));
  }

  /** The note at the centre of a local graph: always labelled, with its neighbours. */
  setFocus(id: string | null): void {
    this.focusId = id;
    this.applyFocus();
  }

  private applyFocus(): void {
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes('.focus, .near').removeClass('focus near');
      const f = this.focusId ? cy.getElementById(this.focusId) : null;
      if (f && f.nonempty()) {
        f.addClass('focus');
        f.neighborhood('node').addClass('near');
      }
      // Large nodes are always labelled: the top 4% by size.
      const nodes = cy.nodes().sort((a, b) => b.data('size') - a.data('size'));
      const top = Math.max(5, Math.ceil(nodes.length * 0.04));
      nodes.slice(0, top).addClass('near');
    });
    this.updateLabels();
  }

  select(id: string | null, center = false): void {
    const cy = this.cy;
    if (!cy) return;
    cy.$(':selected').unselect();
    cy.elements('.sel-near').removeClass('sel-near');
    if (!id) {
      this.events.select(null);
      return;
    }
    const el = cy.getElementById(id);
    if (el.empty()) return;
    el.select();
    // The selection's neighbours are labelled and its links stand out.
    if (el.isNode()) el.connectedEdges().union(el.neighborhood('node')).addClass('sel-near');
    this.updateLabels();
    if (center) {
      this.fitted = false;
      cy.animate({ center: { eles: el }, zoom: Math.max(cy.zoom(), 0.6) }, { duration: 250, complete: () => this.keepInView(el as cytoscape.NodeSingular) });
    }
  }

  /**
   * Fits the graph into the canvas minus what covers it (the legend): into the largest free band beside,
   * above or below the cover, whichever shows the graph biggest.
   */
  fit(): void {
    this.fitViewport();
    this.updateLabels();
  }

  /** fit() without placing the labels (the caller places them). */
  private fitViewport(): void {
    const cy = this.cy;
    if (!cy || cy.nodes().empty()) return;
    const bb = cy.nodes().boundingBox({ includeLabels: false, includeOverlays: false });
    const w = cy.width(), h = cy.height();
    const c = this.cover();
    const areas: Rect[] = [{ x1: 0, y1: 0, x2: w, y2: h }];
    if (c && c.x2 > c.x1 && c.y2 > c.y1) {
      areas.length = 0;
      areas.push({ x1: c.x2, y1: 0, x2: w, y2: h }, { x1: 0, y1: 0, x2: c.x1, y2: h }, { x1: 0, y1: 0, x2: w, y2: c.y1 }, { x1: 0, y1: c.y2, x2: w, y2: h });
    }
    let best: { zoom: number; area: Rect } | null = null;
    for (const a of areas) {
      const aw = a.x2 - a.x1 - 2 * FIT_PADDING, ah = a.y2 - a.y1 - 2 * FIT_PADDING;
      if (aw <= 0 || ah <= 0) continue;
      const zoom = Math.min(aw / Math.max(bb.w, 1), ah / Math.max(bb.h, 1));
      if (!best || zoom > best.zoom) best = { zoom, area: a };
    }
    if (!best) return;
    const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), best.zoom));
    const a = best.area;
    const pan = { x: (a.x1 + a.x2) / 2 - zoom * (bb.x1 + bb.w / 2), y: (a.y1 + a.y2) / 2 - zoom * (bb.y1 + bb.h / 2) };
    this.moving = true;
    cy.viewport({ zoom, pan });
    this.moving = false;
    this.fitted = true;
  }

  /** The canvas resized (a side panel opened or closed): a fitted graph is fitted again, and the
   *  selection stays in view, clear of the cover. */
  private resized(): void {
    const cy = this.cy;
    if (!cy) return;
    cy.resize();
    this.refit();
  }

  /** What covers the canvas changed: a fitted graph is fitted again, else the selection kept in view. */
  refit(): void {
    const cy = this.cy;
    if (!cy) return;
    if (this.fitted) this.fit();
    else this.keepInView(cy.nodes(':selected').first() as cytoscape.NodeSingular);
  }

  /** Pans the least needed so the node is on screen and not under the cover. */
  keepInView(n: cytoscape.NodeSingular | null): void {
    const cy = this.cy;
    if (!cy || !n || n.empty()) return;
    const p = n.renderedPosition();
    const r = (n.renderedWidth() || 10) / 2 + 16;
    const w = cy.width(), h = cy.height();
    let dx = 0, dy = 0;
    if (p.x - r < 0) dx = r - p.x;
    else if (p.x + r > w) dx = w - r - p.x;
    if (p.y - r < 0) dy = r - p.y;
    else if (p.y + r > h) dy = h - r - p.y;
    const c = this.cover();
    const q = { x: p.x + dx, y: p.y + dy };
    if (c && overlaps({ x1: q.x - r, y1: q.y - r, x2: q.x + r, y2: q.y + r }, c)) {
      // out of the cover the shorter way: up above it or right of it
      const up = q.y + r - c.y1, right = c.x2 - (q.x - r);
      if (up < right) dy -= up;
      else dx += right;
    }
    if (dx || dy) {
      this.moving = true;
      cy.panBy({ x: dx, y: dy });
      this.moving = false;
      this.updateLabels();
    }
  }

  zoomBy(factor: number): void {
    const cy = this.cy;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  /** Arrow keys: move the selection to the neighbour lying most in that direction. */
  moveSelection(dx: number, dy: number): void {
    const cy = this.cy;
    if (!cy) return;
    const cur = cy.nodes(':selected').first() as cytoscape.NodeSingular;
    if (cur.empty()) {
      const start = this.focusId ? cy.getElementById(this.focusId) : cy.nodes().max((n) => n.degree(false)).ele;
      if (start && start.nonempty()) this.pick(start.id());
      return;
    }
    const p = cur.position();
    let best: cytoscape.NodeSingular | null = null;
    let bestScore = -Infinity;
    cur.neighborhood('node').forEach((n) => {
      const q = n.position();
      const vx = q.x - p.x, vy = q.y - p.y;
      const len = Math.hypot(vx, vy) || 1;
      const cos = (vx * dx + vy * dy) / len;
      if (cos <= 0.2) return;
      const score = cos - len / 5000;
      if (score > bestScore) { bestScore = score; best = n; }
    });
    if (best) this.pick((best as cytoscape.NodeSingular).id());
  }

  private pick(id: string): void {
    this.select(id, true);
    this.events.select(id);
  }

  destroy(): void {
    window.clearTimeout(this.labelTimer);
    this.resizer.disconnect();
    this.cy?.destroy();
    this.cy = null;
  }

  private nodeDef(n: DrawNode, positions: Positions): cytoscape.ElementDefinition {
    return {
      group: 'nodes',
      data: { id: n.id, label: n.label, size: n.size, color: n.color, font: fontOf(n), lfont: fontOf(n), kind: n.kind, members: n.members ?? 0 },
      position: positions[n.id] ? { ...positions[n.id] } : { x: 0, y: 0 },
      // (unlabelled until updateLabels places it: no label is measured for a node it leaves out)
      classes: `${nodeClasses(n)} nolabel`,
    };
  }

  private edgeDef(e: DrawEdge): cytoscape.ElementDefinition {
    return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, width: widthOf(e), weight: e.weight }, classes: e.kind };
  }

  private bind(cy: cytoscape.Core): void {
    // A click on the canvas gives it the keyboard (cytoscape takes the mouse events, so the browser would not).
    cy.on('tapstart', () => {
      if (document.activeElement !== this.container) this.container.focus({ preventScroll: true });
    });
    cy.on('tap', 'node', (ev) => {
      this.events.select(ev.target.id());
    });
    cy.on('tap', (ev) => {
      if (ev.target === cy) this.events.select(null);
    });
    cy.on('dbltap', 'node', (ev) => this.events.open(ev.target.id()));
    cy.on('dragfree', 'node', () => this.events.moved());
    cy.on('mouseover', 'node', (ev) => this.highlight(ev.target));
    cy.on('mouseout', 'node', () => this.highlight(null));
    cy.on('zoom pan', () => {
      if (!this.moving) this.fitted = false;
      window.clearTimeout(this.labelTimer);
      this.labelTimer = window.setTimeout(() => this.updateLabels(), 120);
    });
  }

  /** Hover: the node and its neighbours stay, everything else fades. */
  private highlight(node: cytoscape.NodeSingular | null): void {
    const cy = this.cy;
    if (!cy) return;
    this.hovered = node ? node.id() : null;
    cy.batch(() => {
      cy.elements('.faded').removeClass('faded');
      cy.elements('.hl').removeClass('hl');
      if (!node) return;
      const keep = node.closedNeighborhood();
      keep.addClass('hl');
      // Fading touches every element: only where that stays instant.
      if (cy.nodes().length <= LARGE) cy.elements().not(keep).addClass('faded');
    });
    this.updateLabels();
  }

  /**
   * Which labels are drawn, after each zoom, pan, hover and selection. The focus, the selection and the
   * hovered node always show their full title; then the hubs and the neighbours of the focus or selection,
   * then the others by size — each only where its label neither overlaps one already placed nor falls
   * below 12 px on screen. A label that would collide is dropped, never shortened. Always-labelled nodes
   * get a font at least 12 px (the focus and selection 14 px) on screen.
   */
  updateLabels(): void {
    const cy = this.cy;
    if (!cy) return;
    const z = cy.zoom();
    const w = cy.width(), h = cy.height();
    const faded = this.hovered !== null && cy.nodes().length <= LARGE;
    type Item = { n: cytoscape.NodeSingular; rank: number; size: number; px: number; bold: boolean };
    const items: Item[] = [];
    const hide: cytoscape.NodeSingular[] = [];
    cy.nodes().forEach((n) => {
      const strong = n.hasClass('focus') || n.selected() || n.id() === this.hovered;
      const near = n.hasClass('near') || n.hasClass('sel-near') || (this.hovered !== null && n.hasClass('hl'));
      const font = n.data('font') as number;
      // (rounded up: the always-labelled stay at 12 px on screen or more)
      const lfont = strong || near ? Math.max(font, Math.ceil(((strong ? 14 : 12) / z) * 10) / 10) : font;
      if (n.data('lfont') !== lfont) n.data('lfont', lfont);
      const px = lfont * z;
      // (while hovering, the faded nodes' labels are hidden by their style: they take no room)
      if ((!strong && !near && px < MIN_LABEL_PX) || (faded && !n.hasClass('hl'))) hide.push(n);
      else items.push({ n, rank: strong ? 0 : near ? 1 : 2, size: n.data('size') as number, px, bold: strong || n.hasClass('focus') });
    });
    items.sort((a, b) => a.rank - b.rank || b.size - a.size || (a.n.id() < b.n.id() ? -1 : 1));
    const cell = 80;
    const grid = new Map<string, Rect[]>();
    const cellsOf = (r: Rect, f: (k: string) => boolean | void): boolean => {
      for (let i = Math.floor(r.x1 / cell); i <= Math.floor(r.x2 / cell); i++)
        for (let j = Math.floor(r.y1 / cell); j <= Math.floor(r.y2 / cell); j++) if (f(`${i},${j}`)) return true;
      return false;
    };
    const show: cytoscape.NodeSingular[] = [];
    for (const it of items) {
      const p = it.n.renderedPosition();
      const label = String(it.n.data('label') ?? '');
      // (as cytoscape boxes a label: the text, its outline and padding — 4 model px a side — under the
      // node, 3 px below it; plus 1 px of air)
      const tw = textWidth(label, it.px, it.bold);
      const pad = 4 * z + 1;
      const top = p.y + (it.size * z) / 2 + 3 * z;
      const box: Rect = { x1: p.x - tw / 2 - pad, y1: top - pad, x2: p.x + tw / 2 + pad, y2: top + it.px + pad };
      const onScreen = box.x2 > 0 && box.x1 < w && box.y2 > 0 && box.y1 < h;
      if (it.rank > 0 && (!onScreen || cellsOf(box, (k) => grid.get(k)?.some((o) => overlaps(o, box))))) {
        hide.push(it.n);
        continue;
      }
      cellsOf(box, (k) => void (grid.get(k) ?? grid.set(k, []).get(k)!).push(box));
      show.push(it.n);
    }
    cy.batch(() => {
      for (const n of hide) if (!n.hasClass('nolabel')) n.addClass('nolabel');
      for (const n of show) if (n.hasClass('nolabel')) n.removeClass('nolabel');
    });
  }
}
