/**
 * The DAG position a v2018 task name encodes: `M5_3_4` is task 5 depending on 3 and 4; names such
 * as `task_Nzg3...` are independent tasks (undefined).
 */
export function parseAlibabaTaskName(name: string): { readonly id: number; readonly dependsOn: number[] } | undefined {
  const match = /^[A-Za-z]+(\d+)((?:_\d+)*)$/.exec(name);
  if (match === null) return undefined;
  const deps = match[2] === '' ? [] : match[2]!.slice(1).split('_').map(Number);
  return { id: Number(match[1]), dependsOn: deps };
}
