import ts from 'typescript';

/** One name a module exports, and whether it exists only as a type (erased at run time). */
export interface ExportedName {
  readonly name: string;
  readonly typeOnly: boolean;
}

/** The names a module exports, in source order, and what in it cannot be listed by name. */
export interface ModuleExports {
  readonly names: readonly ExportedName[];
  /** Statements whose names cannot be read from the file alone (`export *`, default exports). */
  readonly problems: readonly string[];
}

/**
 * Lists the names a TypeScript module exports, read from its syntax with the TypeScript compiler's parser:
 * `export { a, type B }`, `export type { C }`, `export * as ns` and exported declarations (`export function`,
 * `export interface`, ...). A name is type-only when it is exported with `type` or declared as an interface or
 * a type alias. `export *` and default exports are reported as problems: the house style forbids them in a
 * package index, and their names cannot be listed without resolving other files.
 */
export function listExports(source: string, fileName: string): ModuleExports {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names: ExportedName[] = [];
  const problems: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause === undefined) {
        problems.push(`${where(statement)}: \`export *\` exports names this file does not list; name them`);
      } else if (ts.isNamespaceExport(clause)) {
        names.push({ name: clause.name.text, typeOnly: statement.isTypeOnly });
      } else {
        for (const element of clause.elements) {
          names.push({ name: element.name.text, typeOnly: statement.isTypeOnly || element.isTypeOnly });
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      problems.push(`${where(statement)}: a default export has no name to list; export it by name`);
    } else if (hasExportModifier(statement)) {
      if (hasDefaultModifier(statement)) {
        problems.push(`${where(statement)}: a default export has no name to list; export it by name`);
      } else {
        names.push(...declaredNames(statement));
      }
    }
  }
  return { names, problems };
}

function hasExportModifier(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some(isKind(ts.SyntaxKind.ExportKeyword));
}

function hasDefaultModifier(statement: ts.Statement): boolean {
  return (
    ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some(isKind(ts.SyntaxKind.DefaultKeyword))
  );
}

function isKind(kind: ts.SyntaxKind): (modifier: ts.ModifierLike) => boolean {
  return (modifier) => modifier.kind === kind;
}

function declaredNames(statement: ts.Statement): ExportedName[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) => bindingNames(declaration.name));
  }
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
    return [{ name: statement.name.text, typeOnly: true }];
  }
  if (
    (ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isModuleDeclaration(statement)) &&
    statement.name !== undefined
  ) {
    return [{ name: statement.name.text, typeOnly: false }];
  }
  return [];
}

function bindingNames(name: ts.BindingName): ExportedName[] {
  if (ts.isIdentifier(name)) return [{ name: name.text, typeOnly: false }];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}
