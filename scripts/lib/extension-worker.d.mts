export declare function listenersRegistered(
  worker: { evaluate: (fn: () => boolean) => Promise<boolean> },
  timeoutMs?: number,
): Promise<void>;
