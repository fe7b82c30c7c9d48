import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to a standalone SVG document in Node, without a browser or a canvas
 * (Vega's headless mode with `renderer: 'none'`; text widths are estimated). Every element id (clip
 * paths, gradients) is renamed `<idPrefix>-1`, `<idPrefix>-2`, ... in order of appearance: Vega numbers
 * them with a process-wide counter, so without this the same chart would differ from one render to
 * the next, and two charts inlined in one page could share an id.
 */
export async function renderChartSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  // Loaded on first use: Vega and Vega-Lite take about a quarter of a second of cpu to import, which
  // every `berth` command would pay at start, and only a report (`berth run --out`) draws charts.
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return renumberIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

function renumberIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!names.has(id)) names.set(id, `${prefix}-${names.size + 1}`);
  }
  if (names.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${names.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (whole: string, id: string) => (names.has(id) ? `url(#${names.get(id)})` : whole))
    .replace(/(href=")#([^"]+)(")/g, (whole: string, a: string, id: string, b: string) =>
      names.has(id) ? `${a}#${names.get(id)}${b}` : whole,
    );
}
