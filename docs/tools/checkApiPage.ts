import type { ModuleExports } from './listExports.js';

/** What one package's index exports, as `listExports` read it. */
export interface PackageExports {
  /** The package's name, `@berth/kernel`: the page's section heading. */
  readonly packageName: string;
  /** The index file, as messages name it (`packages/kernel/src/index.ts`). */
  readonly indexFile: string;
  readonly exports: ModuleExports;
}

/** A disagreement between the API page and a package's index, or a line of the page in the wrong form. */
export interface ApiPageIssue {
  /** The package the issue concerns; undefined for the page as a whole. */
  readonly packageName: string | undefined;
  readonly message: string;
}

const SECTION = /^## (@\S+)\s*$/;
const HEADING = /^#{1,2} /;
const LIST_ITEM = /^\s*[-*+] /;
const ENTRY = /^- `([A-Za-z_$][\w$]*)`( \(type\))? — \S/;
const ENTRY_FORM = 'write an entry as "- `Name` — what it is", with " (type)" after the name of a type-only export';

interface Entry {
  readonly name: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

/**
 * Checks the public-API page against what each package's index exports. The page has one section per
 * package, headed `## @berth/x`; in it, every list item is one export, `- \`Name\` — description`, with
 * ` (type)` after the name of a type-only export; `###` subheadings and prose may group them. Returns one
 * issue per export missing from the page, per entry the index no longer exports, per wrong or missing
 * `(type)`, per duplicate and per malformed line, each naming the line or the index to fix. An empty list
 * means the page is exact.
 */
export function checkApiPage(markdown: string, pageName: string, packages: readonly PackageExports[]): ApiPageIssue[] {
  const issues: ApiPageIssue[] = [];
  const sections = readSections(markdown, pageName, issues);
  const known = new Set(packages.map((pkg) => pkg.packageName));
  for (const [packageName, { line }] of sections) {
    if (!known.has(packageName)) {
      issues.push({
        packageName: undefined,
        message: `${pageName}:${line}: "## ${packageName}" is not a published package (those are ${[...known].join(', ')})`,
      });
    }
  }
  for (const pkg of packages) {
    const section = sections.get(pkg.packageName);
    if (section === undefined) {
      issues.push({
        packageName: pkg.packageName,
        message: `${pageName} has no section "## ${pkg.packageName}": add one listing what ${pkg.indexFile} exports`,
      });
      continue;
    }
    issues.push(...compareSection(pkg, section.entries, pageName));
  }
  return issues;
}

interface Section {
  readonly line: number;
  readonly entries: Entry[];
}

function readSections(markdown: string, pageName: string, issues: ApiPageIssue[]): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: { readonly packageName: string; readonly section: Section } | undefined;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    const heading = SECTION.exec(text);
    if (heading !== null) {
      const packageName = heading[1]!;
      const earlier = sections.get(packageName);
      if (earlier !== undefined) {
        issues.push({
          packageName,
          message: `${pageName}:${line}: a second "## ${packageName}" section (the first is at line ${earlier.line}); merge them`,
        });
        current = { packageName, section: earlier };
      } else {
        const section: Section = { line, entries: [] };
        sections.set(packageName, section);
        current = { packageName, section };
      }
      return;
    }
    if (HEADING.test(text)) {
      current = undefined;
      return;
    }
    if (current === undefined || !LIST_ITEM.test(text)) return;
    const entry = ENTRY.exec(text);
    if (entry === null) {
      issues.push({ packageName: current.packageName, message: `${pageName}:${line}: ${ENTRY_FORM}` });
      return;
    }
    current.section.entries.push({ name: entry[1]!, typeOnly: entry[2] !== undefined, line });
  });
  return sections;
}

function compareSection(pkg: PackageExports, entries: readonly Entry[], pageName: string): ApiPageIssue[] {
  const { packageName, indexFile, exports } = pkg;
  const messages: string[] = [...exports.problems];
  const exported = new Map(exports.names.map((name) => [name.name, name]));
  const listed = new Map<string, Entry>();
  for (const entry of entries) {
    const first = listed.get(entry.name);
    if (first !== undefined) {
      messages.push(`${pageName}:${entry.line}: \`${entry.name}\` is listed twice (also at line ${first.line})`);
      continue;
    }
    listed.set(entry.name, entry);
    const name = exported.get(entry.name);
    if (name === undefined) {
      messages.push(
        `${pageName}:${entry.line}: \`${entry.name}\` is listed under ## ${packageName} but ${indexFile} does not export it: remove the line`,
      );
    } else if (name.typeOnly && !entry.typeOnly) {
      messages.push(
        `${pageName}:${entry.line}: \`${entry.name}\` is a type-only export of ${indexFile}: mark it " (type)"`,
      );
    } else if (!name.typeOnly && entry.typeOnly) {
      messages.push(
        `${pageName}:${entry.line}: \`${entry.name}\` is exported as a value by ${indexFile}: remove " (type)"`,
      );
    }
  }
  for (const name of exports.names) {
    if (listed.has(name.name)) continue;
    const mark = name.typeOnly ? ' (type)' : '';
    messages.push(
      `${indexFile} exports \`${name.name}\`${mark}, missing from ${pageName}: add "- \`${name.name}\`${mark} — ..." under ## ${packageName}`,
    );
  }
  return messages.map((message) => ({ packageName, message }));
}
