// bench/RESULTS.md keeps one "## <title>" section per benchmark; each benchmark script rewrites
// only its own section, so results of different benchmarks live side by side.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RESULTS_PATH = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const HEADER = `# Benchmark results

Each benchmark owns one section below and rewrites it when it runs (see README.md). Commit the
file after a run whose figures you want to keep.
`;

/** Replaces (or appends) the section `## <title>` with `body`. */
export function writeResultsSection(title: string, body: string): void {
  const text = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : HEADER;
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start === -1) {
    writeFileSync(RESULTS_PATH, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join('\n').trimEnd();
  const after = lines.slice(end).join('\n').trim();
  writeFileSync(RESULTS_PATH, `${before}\n\n${section}${after ? `\n${after}\n` : ''}`);
}
