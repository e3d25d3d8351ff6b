// Waits for the Worker under wrangler dev to answer /healthz. A configuration the Worker refuses (a
// webhook secret under 16 characters, a malformed key…) does not fix itself: the health check's own
// explanation is returned at once, instead of polling until the timeout.
import type { ChildProcess } from 'node:child_process';

export class StartupError extends Error {
  override name = 'StartupError';
}

/** What a non-OK /healthz said: its error code and, for configuration problems, which variable. */
async function healthDetail(res: Response): Promise<{ code?: string; text: string }> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; detail?: string };
  } | null;
  const error = body?.error;
  const text = [error?.detail ?? error?.message, error?.code && `(${error.code})`].filter(Boolean).join(' ');
  return { code: error?.code, text: text || `HTTP ${res.status}` };
}

export async function waitForHealthy(
  url: string,
  child: ChildProcess,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exited = child.exitCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited)
      throw new StartupError(`wrangler dev exited before the Worker became healthy (last: ${last})`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
      const detail = await healthDetail(res);
      if (detail.code === 'config_invalid')
        throw new StartupError(`the Worker refused its configuration: ${detail.text}`);
      last = detail.text;
    } catch (e) {
      if (e instanceof StartupError) throw e;
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
  throw new StartupError(
    `the Worker did not answer ${url}/healthz within ${options.timeoutMs} ms (last: ${last})`,
  );
}
