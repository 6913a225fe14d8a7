/**
 * One promise kept in the isolate under the key of what it was made from (a
 * data version, say): asked with the same key it is reused, with another key
 * it is made again. A failed promise is dropped, so the next request tries again.
 */
export function memoised<T>(): (key: string, make: () => Promise<T>) => Promise<T> {
  let slot: { key: string; value: Promise<T> } | null = null;
  return (key, make) => {
    if (slot?.key !== key) {
      const value = make();
      slot = { key, value };
      value.catch(() => {
        if (slot?.value === value) slot = null;
      });
    }
    return slot.value;
  };
}
