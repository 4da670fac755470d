/** Deeper than any payload of ours; deep enough that validators' recursion stays far from the stack's end. */
export const MAX_JSON_DEPTH = 32;

/**
 * What makes parsed JSON unfit to hand to validators, or undefined: nesting
 * deeper than `maxDepth`, or text that is not well-formed Unicode (a lone
 * surrogate, which JSON can spell as "\ud800" and on which validators such as
 * isEmail throw instead of answering). One iterative walk.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node === 'string') {
      if (!node.isWellFormed()) return 'contains text that is not valid Unicode';
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > maxDepth) return `nests deeper than ${maxDepth} levels`;
    for (const [key, child] of Object.entries(node as object)) {
      if (!key.isWellFormed()) return 'contains text that is not valid Unicode';
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}
