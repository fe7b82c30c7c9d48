import type { ConfigIssue } from '@berth/kernel';

/**
 * One validation issue as one line, compiler-style: `file:line: path: message`, or
 * `file:line:column: message` for a syntax error (`file:line:column: path: message` for a duplicate key). parseScenarioText puts the line at the end of the
 * message (`... (line 12)`) and the YAML parser's syntax errors end in `at line L, column C`; both
 * move to the front. Issues without a line print as `file: path: message`.
 */
export function formatIssue(file: string, issue: ConfigIssue): string {
  let message = issue.message;
  const syntax = /^(.*) at line (\d+), column (\d+)$/.exec(message);
  const atRoot = issue.path === '(root)' || issue.path === '';
  if (syntax !== null) return `${file}:${syntax[2]}:${syntax[3]}: ${atRoot ? '' : `${issue.path}: `}${syntax[1]}`;
  let where = file;
  const line = / \(line (\d+)\)$/.exec(message);
  if (line !== null) {
    where = `${file}:${line[1]}`;
    message = message.slice(0, line.index);
  }
  return atRoot ? `${where}: ${message}` : `${where}: ${issue.path}: ${message}`;
}
