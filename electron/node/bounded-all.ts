/**
 * `Promise.all` over many file operations, at most `limit` at a time: opening every file at
 * once runs out of descriptors (EMFILE) on a 20,000-unit project. On the first failure no
 * further item starts, the ones running are waited for, and that first error is thrown, so a
 * caller cleaning up after a failure knows nothing is still writing.
 */
export async function boundedAll<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
