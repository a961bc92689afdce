/**
 * A FIFO mutex. Load, unload and dispose take it so that no generation ever starts on a
 * context that is being torn down, and two loads never race for the same memory.
 */
export class AsyncLock {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // later tasks wait for this one whether it succeeds or fails
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
