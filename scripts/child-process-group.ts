// Stopping what `npm start` started: wrangler dev runs as npx → node → workerd, so signalling the
// direct child alone leaves the Worker running and its port taken. Children are spawned detached
// (their own process group) and stopped as a group.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Sends SIGTERM to the child's whole process group and waits (up to `graceMs`) for the child to exit. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Not a group leader (spawned without `detached`): the child alone.
    child.kill('SIGTERM');
  }
  const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
  if ((await Promise.race([exited, timer])) !== 'timeout') return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** SIGKILL to the child's whole process group at once (a crash: nothing gets to clean up), then waits for the exit. */
export async function killProcessGroup(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  await exited;
}
