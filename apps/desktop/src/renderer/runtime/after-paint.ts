/**
 * Resolves once the browser has painted the next frame (at once where nothing paints: Node tests).
 * Start-up work that the first screen does not need waits for this, so it does not delay it.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') resolve();
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/**
 * Resolves after the next paint, once the main thread is idle (within `timeoutMs` at the latest).
 */
export async function afterFirstScreen(timeoutMs = 1000): Promise<void> {
  await afterNextPaint();
  if (typeof requestIdleCallback !== 'function') return;
  await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: timeoutMs }));
}
