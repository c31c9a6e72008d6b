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
 * Label size: 11 px for ordinary nodes, growing with the node. With min-zoomed-font-size 12 (applied per
 * power-of-two zoom level by cytoscape) ordinary labels appear from zoom 1, big nodes' labels earlier.
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
  private readonly resizer: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly events: CanvasEvents,
    theme: Theme,
    public webglThreshold: number,
  ) {
    this.theme = theme;
    // Side panels open and close: keep cytoscape's canvas the size of its box.
    this.resizer = new ResizeObserver(() => this.cy?.resize());
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
      layout: { name: 'preset', fit: true, padding: 40 },
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
    if (center) cy.animate({ center: { eles: el }, zoom: Math.max(cy.zoom(), 0.6) }, { duration: 250 });
  }

  fit(): void {
    this.cy?.fit(undefined, 40);
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
      classes: nodeClasses(n),
    };
  }

  private edgeDef(e: DrawEdge): cytoscape.ElementDefinition {
    return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, width: widthOf(e), weight: e.weight }, classes: e.kind };
  }

  private bind(cy: cytoscape.Core): void {
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
    cy.on('zoom', () => {
      window.clearTimeout(this.labelTimer);
      this.labelTimer = window.setTimeout(() => this.updateLabels(), 120);
    });
  }

  /** Hover: the node and its neighbours stay, everything else fades. */
  private highlight(node: cytoscape.NodeSingular | null): void {
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.elements('.faded').removeClass('faded');
      cy.elements('.hl').removeClass('hl');
      if (!node) return;
      const keep = node.closedNeighborhood();
      keep.addClass('hl');
      // Fading touches every element: only where that stays instant.
      if (cy.nodes().length <= LARGE) cy.elements().not(keep).addClass('faded');
    });
  }

  /**
   * Level of detail for labels, after each zoom. Always-labelled nodes (hubs, the focus and its
   * neighbours, the selection) get a font that is at least 12 px on screen. WebGL ignores
   * min-zoomed-font-size, so there the small labels are hidden here too.
   */
  private updateLabels(): void {
    const cy = this.cy;
    if (!cy) return;
    const z = cy.zoom();
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const always = n.hasClass('near') || n.hasClass('focus') || n.hasClass('sel-near') || n.selected();
        const font = n.data('font') as number;
        const lfont = always ? Math.max(font, Math.round((n.hasClass('focus') || n.selected() ? 14 : 12) / z)) : font;
        if (n.data('lfont') !== lfont) n.data('lfont', lfont);
        if (!this.webgl) return;
        const hide = font * z < 12 && !always;
        if (hide !== n.hasClass('nolabel')) n.toggleClass('nolabel', hide);
      });
    });
  }
}
