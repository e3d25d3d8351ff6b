// A guide page's text (plain text, one item per line, as the office writes it): "Label: text" lines
// become the public notice's rows (办理流程, 所需材料, 办理时限, 收费标准…), steps joined by "→" become
// a numbered list, anything else a paragraph.
import type { ComponentChildren } from 'preact';

const LABELLED = /^([^：:\n]{1,24})[：:]\s*(.+)$/;

function Text({ text }: { text: string }): ComponentChildren {
  const steps = text
    .split('→')
    .map((s) => s.trim())
    .filter(Boolean);
  if (steps.length < 2) return text;
  return (
    <ol class="guide-steps">
      {steps.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ol>
  );
}

export function GuideBody({ body }: { body: string }) {
  const lines = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <div class="guide-body">
      {lines.map((line, i) => {
        const m = LABELLED.exec(line);
        if (!m) return <p key={i}>{line}</p>;
        return (
          <dl key={i} class="notice-list guide-row">
            <div>
              <dt>{m[1]}</dt>
              <dd>
                <Text text={m[2]!} />
              </dd>
            </div>
          </dl>
        );
      })}
    </div>
  );
}
