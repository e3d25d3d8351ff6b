// Structured logs without personal data: errors are summarised by class and code only, because
// driver messages can embed query parameters (names, ID numbers) and bot errors the chat text.
export function errorSummary(e: unknown): { error: string; code?: string } {
  if (!(e instanceof Error)) return { error: typeof e };
  const withCode = (x: unknown): string | undefined => {
    const c = (x as { code?: unknown } | null)?.code;
    return typeof c === 'string' || typeof c === 'number' ? String(c) : undefined;
  };
  return { error: e.name, code: withCode(e) ?? withCode(e.cause) };
}

export function logEvent(
  level: 'info' | 'warn' | 'error',
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
