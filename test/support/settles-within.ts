/** Fails the test if `promise` has not settled after `ms` (instead of hanging until Jest's timeout). */
export async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<PromiseSettledResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`promise still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.allSettled([promise]).then(([r]) => r!), hung]);
  } finally {
    clearTimeout(timer);
  }
}
