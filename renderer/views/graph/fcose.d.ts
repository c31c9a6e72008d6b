// cytoscape-fcose ships no types: it is a cytoscape extension (pass it to cytoscape.use).
declare module 'cytoscape-fcose' {
  import type cytoscape from 'cytoscape';
  const fcose: cytoscape.Ext;
  export default fcose;
}
