/** Deeper than any payload of ours; deep enough that validators' recursion stays far from the stack's end. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether parsed JSON nests deeper than `max` arrays/objects. Iterative, so a
 * hostile 100,000-level body costs a loop, not a stack overflow (which is what
 * class-transformer's recursion would turn it into: a 500).
 */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
  }
  return false;
}
