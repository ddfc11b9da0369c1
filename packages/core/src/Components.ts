/**
 * Connected components of items that share keys: two items sharing a key, directly or through others, are
 * one component. The in-memory source groups call events by core's link keys with it, and the store's import
 * groups a batch's events together with the components already stored; one union-find serves both.
 */

/** Groups items into components: items that share a key (transitively) land in the same group. */
export const components = <T>(items: Iterable<T>, keysOf: (item: T) => ReadonlyArray<string>): Array<Array<T>> => {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p
    if (!parent.has(x)) parent.set(x, x)
    // Path compression keeps later look-ups flat even for long chains of transfers.
    for (let node = x; node !== root;) {
      const next = parent.get(node)!
      parent.set(node, root)
      node = next
    }
    return root
  }
  const keyed: Array<readonly [T, string]> = []
  for (const item of items) {
    const keys = keysOf(item)
    if (keys.length === 0) throw new Error("components: every item needs at least one key")
    const first = find(keys[0]!)
    for (let i = 1; i < keys.length; i++) {
      const root = find(keys[i]!)
      if (root !== first) parent.set(root, find(first))
    }
    keyed.push([item, keys[0]!])
  }
  const groups = new Map<string, Array<T>>()
  for (const [item, key] of keyed) {
    const root = find(key)
    const group = groups.get(root)
    if (group === undefined) groups.set(root, [item])
    else group.push(item)
  }
  return [...groups.values()]
}
