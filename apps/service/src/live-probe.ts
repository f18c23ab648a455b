/** Where a container's roles answer /health/live: the API's port and the mail role's own port. */
export function liveUrls(env: Record<string, string | undefined>): string[] {
  const host = (configured: string | undefined) =>
    !configured || configured === '0.0.0.0' || configured === '::' ? '127.0.0.1' : configured;
  return [
    `http://${host(env.API_HOST)}:${env.API_PORT ?? '3000'}/health/live`,
    `http://${host(env.MAIL_METRICS_HOST)}:${env.MAIL_METRICS_PORT ?? '9464'}/health/live`,
  ];
}

/**
 * Live when any of the urls answers 200 in time. A container runs the API, the mail role or
 * both, and only the roles it runs listen; a process that no longer answers fails them all.
 */
export async function anyLive(urls: readonly string[], timeoutMs = 3_000): Promise<boolean> {
  const answers = await Promise.all(
    urls.map((url) =>
      fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).then(
        (response) => response.status === 200,
        () => false,
      ),
    ),
  );
  return answers.includes(true);
}
