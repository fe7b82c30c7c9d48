import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** What a plot module (`docs/plots/<name>.ts`) exports: a function that runs its simulations and returns the chart. */
export interface PlotModule {
  /** A Vega-Lite spec with its data inline; the same spec on every call (seeded simulations only). */
  plot(): TopLevelSpec | Promise<TopLevelSpec>;
  /** Files the plot reads that are not part of the repository (real traces beside it); absent: nothing. */
  readonly requires?: readonly string[];
}

/** One plot of the docs: its module and the SVG it is rendered to. */
export interface Plot {
  /** File name without `.ts`, e.g. `power-of-two`. */
  readonly name: string;
  /** Absolute path of the module. */
  readonly module: string;
  /** Absolute path of the rendered SVG: `<docs>/lessons/img/<name>.svg`. */
  readonly svg: string;
}

/** Every plot module directly in `<docs>/plots` (tests excluded), sorted by name. */
export function listPlots(docs: string): Plot[] {
  const dir = join(docs, 'plots');
  return readdirSync(dir)
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts'))
    .sort()
    .map((entry) => {
      const name = basename(entry, '.ts');
      return { name, module: join(dir, entry), svg: join(docs, 'lessons', 'img', `${name}.svg`) };
    });
}

/** The files a plot needs that are missing (a real trace not beside the repository), to skip it. */
export async function missingInputs(plot: Plot): Promise<string[]> {
  const module = (await import(pathToFileURL(plot.module).href)) as Partial<PlotModule>;
  return (module.requires ?? []).filter((file) => !existsSync(file));
}

/** Imports a plot module and returns its spec. */
export async function loadPlot(plot: Plot): Promise<TopLevelSpec> {
  const module = (await import(pathToFileURL(plot.module).href)) as Partial<PlotModule>;
  if (typeof module.plot !== 'function') throw new Error(`${plot.module} exports no plot() function`);
  return module.plot();
}

/** The part of vega-scenegraph's text measurement that vega's typings leave out. */
interface TextMetrics {
  canvas(use: boolean): void;
}

/**
 * Renders a Vega-Lite spec to a standalone SVG document with Vega's headless renderer, the same bytes
 * on every machine. Two things would otherwise vary. Text widths, which place axis titles and legends:
 * Vega measures them with node-canvas when that package can be imported (and then with whatever fonts
 * the machine has), and estimates them from the font size otherwise; the estimate is forced here, so an
 * installed `canvas` changes nothing. And the ids of clip paths and gradients, numbered by a counter
 * that lives as long as the process: it is reset before each render.
 */
export async function renderPlot(spec: TopLevelSpec): Promise<string> {
  (vega as unknown as { textMetrics: TextMetrics }).textMetrics.canvas(false);
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}
