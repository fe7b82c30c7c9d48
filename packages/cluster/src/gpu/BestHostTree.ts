/**
 * The best of a row of hosts under changing scores: the position with the highest score, the first
 * (lowest position, or lowest rank when `ranks` are given) among equals, as a loop over the hosts in
 * order that keeps the first strict maximum (or the lowest-ranked of the maxima) finds it. A position takes part only while it is `set` with a score of 0 or more.
 *
 * Why: a GPU policy scores every host for every pod, and between two pods of a kind only a few hosts
 * change. A segment tree (each inner node holds the winner of its two halves, the left one on a tie)
 * answers "best host" in O(1) and takes a changed host in O(log n), instead of a pass over all hosts
 * per pod: on the FGD paper's cluster, 1,213 hosts × 10,841 pods. An optimisation only: the answer
 * is the loop's (BestHostTree.test.ts checks it against the loop on random changes).
 */
export class BestHostTree {
  /** Leaves at `leaves + position`; each node holds the winning position of its subtree, or -1. */
  private readonly tree: Int32Array;
  private readonly leaves: number;

  /**
   * `scores`: read (never written) at positions when they are set or compared; `ranks`, when given,
   * break ties (the lower rank wins; read the same way).
   */
  constructor(
    readonly size: number,
    private readonly scores: ArrayLike<number>,
    private readonly ranks: ArrayLike<number> | null = null,
  ) {
    let leaves = 1;
    while (leaves < size) leaves *= 2;
    this.leaves = leaves;
    this.tree = new Int32Array(2 * leaves).fill(-1);
  }

  /** The winning position, or -1 when no position takes part. */
  best(): number {
    return this.tree[1]!;
  }

  /** Position `i` takes part with its current score when `on` (and the score is not negative), else not. */
  set(i: number, on: boolean): void {
    const tree = this.tree;
    let k = this.leaves + i;
    tree[k] = on && this.scores[i]! >= 0 ? i : -1;
    for (k >>= 1; k >= 1; k >>= 1) tree[k] = this.winner(tree[2 * k]!, tree[2 * k + 1]!);
  }

  /** Sets every position at once (`on(i)` as for {@link set}), in O(n). */
  fill(on: (i: number) => boolean): void {
    const tree = this.tree;
    const leaves = this.leaves;
    for (let i = 0; i < leaves; i++) tree[leaves + i] = i < this.size && on(i) && this.scores[i]! >= 0 ? i : -1;
    for (let k = leaves - 1; k >= 1; k--) tree[k] = this.winner(tree[2 * k]!, tree[2 * k + 1]!);
  }

  /**
   * Of two subtrees' winners, the higher score; on a tie the lower rank when ranks are given, else the
   * left one.
   */
  private winner(left: number, right: number): number {
    if (left < 0) return right;
    if (right < 0) return left;
    const l = this.scores[left]!;
    const r = this.scores[right]!;
    if (r !== l) return r > l ? right : left;
    const ranks = this.ranks;
    return ranks !== null && ranks[right]! < ranks[left]! ? right : left;
  }
}
