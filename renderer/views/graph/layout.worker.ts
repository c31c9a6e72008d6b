// Graph layout off the main thread. Small graphs: fcose on a headless cytoscape; large ones: graphology
// ForceAtlas2 (Barnes-Hut) run in chunks so progress can be posted. Answers positions for every node.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { LayoutRequest, LayoutResponse } from './layout';
import type { Positions } from '../../../shared/types';

cytoscape.use(fcose);

/** Above this many nodes ForceAtlas2 runs instead of fcose. */
const FA2_THRESHOLD = 1500;

const post = (msg: LayoutResponse): void => (self as unknown as Worker).postMessage(msg);

function layoutFcose(req: LayoutRequest): Positions {
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cy.add([
    ...req.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, size: n.size ?? 24 }, position: n.pos ?? { x: 0, y: 0 } })),
    ...req.edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.source, target: e.target } })),
  ]);
  cy.style([{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }]);
  const seeded = req.nodes.some((n) => n.pos);
  cy.layout({
    name: 'fcose',
    quality: seeded ? 'proof' : 'default',
    randomize: !seeded,
    animate: false,
    nodeRepulsion: () => 30000,
    idealEdgeLength: () => 110,
    edgeElasticity: () => 0.3,
    gravity: 0.15,
    gravityRange: 5,
    nodeSeparation: 110,
    numIter: 1500,
    tile: true,
    packComponents: false,
  } as cytoscape.LayoutOptions).run();
  const out: Positions = {};
  cy.nodes().forEach((n) => {
    const p = n.position();
    out[n.id()] = { x: p.x, y: p.y };
  });
  cy.destroy();
  return out;
}

function layoutFa2(req: LayoutRequest): Positions {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const n = req.nodes.length;
  const r = Math.sqrt(n) * 40;
  req.nodes.forEach((node, i) => {
    // Seeded nodes keep their place; others start on a spiral so the layout is deterministic.
    const a = i * 2.399963;
    const d = r * Math.sqrt((i + 0.5) / n);
    graph.addNode(node.id, node.pos ? { ...node.pos } : { x: Math.cos(a) * d, y: Math.sin(a) * d });
  });
  for (const e of req.edges) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    if (graph.hasEdge(e.source, e.target)) continue;
    graph.addEdge(e.source, e.target, { weight: Math.min(e.weight, 5) });
  }
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true, barnesHutTheta: 0.8, scalingRatio: 12, gravity: 1 };
  // Seeded starts (cached places, or the overview's cluster places) need fewer rounds.
  const seeded = req.nodes.filter((x) => x.pos).length > n / 2;
  const total = req.iterations ?? (n > 5000 ? (seeded ? 50 : 100) : seeded ? 100 : 200);
  const chunk = 10;
  for (let done = 0; done < total; done += chunk) {
    forceAtlas2.assign(graph, { iterations: Math.min(chunk, total - done), settings, getEdgeWeight: 'weight' });
    post({ type: 'progress', id: req.id, done: Math.min(done + chunk, total), total });
  }
  const out: Positions = {};
  graph.forEachNode((id, a) => {
    out[id] = { x: a.x as number, y: a.y as number };
  });
  return out;
}

self.onmessage = (ev: MessageEvent<LayoutRequest>) => {
  const req = ev.data;
  const t0 = performance.now();
  try {
    post({ type: 'progress', id: req.id, done: 0, total: 1 });
    const useFa2 = req.algorithm === 'fa2' || (req.algorithm !== 'fcose' && req.nodes.length > FA2_THRESHOLD);
    const positions = req.nodes.length === 0 ? {} : useFa2 ? layoutFa2(req) : layoutFcose(req);
    post({ type: 'done', id: req.id, positions, ms: performance.now() - t0, algorithm: useFa2 ? 'fa2' : 'fcose' });
  } catch (err) {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
