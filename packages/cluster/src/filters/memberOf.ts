import { argumentError } from '@berth/kernel';
import type { HostView } from '../hosts/Host.js';
import type { Filter } from '../scheduler/Filter.js';

/** The longest expression ECS accepts in a `memberOf` constraint. */
export const MEMBER_OF_MAX_LENGTH = 2000;

/**
 * Amazon ECS's `memberOf` placement constraint (docs.aws.amazon.com/AmazonECS/latest/developerguide/
 * cluster-query-language.html): only hosts matching a cluster-query-language expression may run the
 * container. `service`, when given, limits the constraint to that service's containers (ECS attaches
 * constraints to a service or task definition); otherwise it applies to every container.
 *
 * Supported subset (anything else throws a ConfigError naming the expression):
 * ```
 * expression := conjunction { ('or' | '||') conjunction }
 * conjunction := term { ('and' | '&&') term }
 * term       := subject ('==' | 'equals' | '!=' | 'not_equals') value
 *             | subject ('in' | 'not_in' | '!in') '[' value { ',' value } ']'
 *             | subject ('exists' | 'not_exists' | '!exists')
 * subject    := 'attribute:' label | 'ec2InstanceId'   (the host's name)
 * ```
 * `and` binds tighter than `or`; keywords are case-sensitive as in ECS. Not supported: parentheses,
 * `not`, `=~`/`matches`, numeric comparisons, and the subjects `agentConnected`, `registeredAt`,
 * `runningTasksCount`, `task:group`. A host without the label fails `==`, `in` and `exists` and passes
 * `!=`, `not_in` and `not_exists`.
 */
export function memberOf(expression: string, options?: { readonly service?: string | undefined }): Filter {
  const matches = parseMemberOf(expression);
  const service = options?.service;
  const reason = `host is not a member of '${expression}'`;
  return {
    name: 'MemberOf',
    prepare: (request) => service === undefined || request.service === service,
    check: (_request, host) => (matches(host) ? null : reason),
  };
}

/** Parses a `memberOf` expression into a host predicate; see {@link memberOf} for the grammar. */
export function parseMemberOf(expression: string): (host: HostView) => boolean {
  const fail = (why: string) => argumentError('expression', `memberOf expression '${expression}': ${why}`);
  if (typeof expression !== 'string' || expression.trim() === '') throw fail('expected a non-empty expression');
  if (expression.length > MEMBER_OF_MAX_LENGTH) throw fail(`longer than ${MEMBER_OF_MAX_LENGTH} characters`);
  if (/[()]/.test(expression)) throw fail('parentheses are not supported');
  const tokens = tokenize(expression, fail);
  let at = 0;
  const next = (what: string): string => {
    const token = tokens[at++];
    if (token === undefined) throw fail(`expected ${what} at the end`);
    return token;
  };

  const term = (): ((host: HostView) => boolean) => {
    const subject = next('a subject');
    const read = subjectReader(subject, fail);
    const operator = next(`an operator after '${subject}'`);
    switch (operator) {
      case '==':
      case 'equals':
      case '!=':
      case 'not_equals': {
        const value = next(`a value after '${operator}'`);
        if (SYNTAX.has(value) || KEYWORDS.has(value))
          throw fail(`expected a value after '${operator}', got '${value}'`);
        const equal = operator === '==' || operator === 'equals';
        return (host) => (read(host) === value) === equal;
      }
      case 'in':
      case 'not_in':
      case '!in': {
        if (next(`'[' after '${operator}'`) !== '[') throw fail(`expected '[' after '${operator}'`);
        const values: string[] = [];
        for (;;) {
          const value = next("a value or ']'");
          if (SYNTAX.has(value) || KEYWORDS.has(value)) throw fail(`expected a value in the list, got '${value}'`);
          values.push(value);
          const sep = next("',' or ']'");
          if (sep === ']') break;
          if (sep !== ',') throw fail(`expected ',' or ']' in the list, got '${sep}'`);
        }
        const set = new Set(values);
        const inside = operator === 'in';
        return (host) => {
          const v = read(host);
          return (v !== undefined && set.has(v)) === inside;
        };
      }
      case 'exists':
        return (host) => read(host) !== undefined;
      case 'not_exists':
      case '!exists':
        return (host) => read(host) === undefined;
      default:
        throw fail(`unsupported operator '${operator}' (supported: ==, !=, in, not_in, exists, not_exists)`);
    }
  };

  const alternatives: Array<Array<(host: HostView) => boolean>> = [[term()]];
  while (at < tokens.length) {
    const joiner = next('and/or');
    if (joiner === 'and' || joiner === '&&') alternatives[alternatives.length - 1]!.push(term());
    else if (joiner === 'or' || joiner === '||') alternatives.push([term()]);
    else throw fail(`expected 'and' or 'or', got '${joiner}'`);
  }
  return (host) => alternatives.some((all) => all.every((t) => t(host)));
}

const SYNTAX = new Set(['[', ']', ',', '==', '!=', '&&', '||']);
const KEYWORDS = new Set(['and', 'or', 'in', 'not_in', '!in', 'exists', 'not_exists', '!exists']);
function tokenize(expression: string, fail: (why: string) => Error): string[] {
  // A fresh sticky regex per call: its lastIndex is state.
  const token = /\s*(\[|\]|,|==|!=|&&|\|\||![A-Za-z_]+|[^\s[\],=!&|]+)/y;
  const tokens: string[] = [];
  let at = 0;
  while (at < expression.length) {
    if (expression.slice(at).trim() === '') break;
    token.lastIndex = at;
    const m = token.exec(expression);
    if (m === null) throw fail(`unexpected character '${expression.slice(at).trimStart()[0]}'`);
    tokens.push(m[1]!);
    at = token.lastIndex;
  }
  return tokens;
}

function subjectReader(subject: string, fail: (why: string) => Error): (host: HostView) => string | undefined {
  if (subject === 'ec2InstanceId') return (host) => host.name;
  if (subject.startsWith('attribute:') && subject.length > 'attribute:'.length) {
    const label = subject.slice('attribute:'.length);
    // Own properties only, so that `attribute:constructor` does not find Object.prototype's.
    return (host) => (Object.hasOwn(host.labels, label) ? host.labels[label] : undefined);
  }
  throw fail(`unsupported subject '${subject}' (supported: attribute:<label>, ec2InstanceId)`);
}
