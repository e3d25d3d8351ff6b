// Hand-written SVG charts for the review dashboard (no chart library: a few KB instead of ~50).
// Each chart scales to the card's width (viewBox), labels its bars with their values, and carries
// the same figures as a table for screen readers and anyone who prefers numbers.
import type { ComponentChildren } from 'preact';
import { useT } from '../../lib/i18n';

export interface Series {
  key: string;
  label: string;
  color: string;
}

export interface BarRow {
  label: string;
  values: number[];
}

const WIDTH = 320;

function Legend({ series }: { series: readonly Series[] }) {
  if (series.length < 2) return null;
  return (
    <ul class="legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key}>
          <span class="legend-swatch" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly ComponentChildren[])[];
}) {
  const t = useT();
  return (
    <details class="chart-table">
      <summary>{t('dashboard.showTable')}</summary>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** A summary sentence for screen readers: "Submitted 3, In review 1, …". */
function describe(rows: readonly BarRow[], series: readonly Series[], separator: string): string {
  return rows
    .map((r) =>
      series.length === 1
        ? `${r.label} ${r.values[0] ?? 0}`
        : `${r.label}: ${series.map((s, i) => `${s.label} ${r.values[i] ?? 0}`).join(', ')}`,
    )
    .join(separator);
}

/** Rough text width in viewBox units at `size` px: CJK characters are square, Latin ones narrower. */
function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! > 0x2e80 ? size : size * 0.58;
  return w;
}

/**
 * Horizontal bars, one group per row: the row's label on its own line (long village or officer names
 * stay readable at 360 px), then one bar per series — named at its left when there are several, so
 * the colour is never the only way to tell them apart — and its value in a column on the right.
 */
export function BarChart({
  title,
  series,
  rows,
}: {
  title: string;
  series: readonly Series[];
  rows: readonly BarRow[];
}) {
  const t = useT();
  const labelH = 18;
  const barH = 14;
  const gap = 5;
  const rowGap = 12;
  const valueCol = 30;
  const seriesCol =
    series.length > 1
      ? Math.min(110, Math.ceil(Math.max(...series.map((s) => textWidth(s.label, 11)))) + 8)
      : 0;
  const trackW = WIDTH - seriesCol - valueCol;
  const rowH = labelH + series.length * (barH + gap) + rowGap;
  const height = Math.max(rowH * rows.length - rowGap, 20);
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const scale = (v: number) => (v <= 0 ? 0 : Math.max(3, (trackW * v) / max));
  return (
    <figure class="chart">
      <svg
        class="chart-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`${title}. ${describe(rows, series, t('ui.listSeparator'))}`}
      >
        {rows.map((row, r) => {
          const top = r * rowH;
          return (
            <g key={row.label}>
              <text x={0} y={top + 13} class="chart-label">
                {row.label}
              </text>
              {series.map((s, i) => {
                const v = row.values[i] ?? 0;
                const y = top + labelH + i * (barH + gap);
                return (
                  <g key={s.key}>
                    {seriesCol ? (
                      <text x={0} y={y + barH - 3} class="chart-tick">
                        {s.label}
                      </text>
                    ) : null}
                    <rect x={seriesCol} y={y} width={trackW} height={barH} rx={3} class="chart-track" />
                    {v > 0 ? (
                      <rect x={seriesCol} y={y} width={scale(v)} height={barH} rx={3} fill={s.color} />
                    ) : null}
                    <text x={WIDTH} y={y + barH - 3} class="chart-value" text-anchor="end">
                      {v}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={title}
        head={[t('dashboard.table.item'), ...series.map((s) => s.label)]}
        rows={rows.map((r) => [r.label, ...series.map((_, i) => r.values[i] ?? 0)])}
      />
    </figure>
  );
}

/** Grouped columns over time (weeks): one column per series in each group, values on top. */
export function ColumnChart({
  title,
  series,
  groups,
}: {
  title: string;
  series: readonly Series[];
  groups: readonly BarRow[];
}) {
  const t = useT();
  const height = 170;
  const axisW = 22;
  const bottom = 22;
  const top = 14;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const slot = (WIDTH - axisW) / Math.max(1, groups.length);
  const barW = Math.min(14, (slot - 6) / series.length);
  const y = (v: number) => top + plotH - (plotH * v) / max;
  return (
    <figure class="chart">
      <Legend series={series} />
      <svg
        class="chart-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`${title}. ${describe(groups, series, t('ui.listSeparator'))}`}
      >
        <line x1={axisW} x2={WIDTH} y1={y(0)} y2={y(0)} class="chart-axis" />
        <line x1={axisW} x2={WIDTH} y1={y(max)} y2={y(max)} class="chart-grid" />
        <text x={axisW - 4} y={y(max) + 4} class="chart-tick" text-anchor="end">
          {max}
        </text>
        <text x={axisW - 4} y={y(0) + 4} class="chart-tick" text-anchor="end">
          0
        </text>
        {groups.map((g, gi) => {
          const x0 = axisW + gi * slot + (slot - barW * series.length) / 2;
          return (
            <g key={g.label}>
              {series.map((s, i) => {
                const v = g.values[i] ?? 0;
                const x = x0 + i * barW;
                return (
                  <g key={s.key}>
                    {v > 0 ? (
                      <rect x={x} y={y(v)} width={barW - 1} height={y(0) - y(v)} fill={s.color} />
                    ) : null}
                    {v > 0 ? (
                      <text x={x + (barW - 1) / 2} y={y(v) - 3} class="chart-tick" text-anchor="middle">
                        {v}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              <text x={axisW + gi * slot + slot / 2} y={height - 6} class="chart-tick" text-anchor="middle">
                {g.label}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={title}
        head={[t('dashboard.table.week'), ...series.map((s) => s.label)]}
        rows={groups.map((g) => [g.label, ...series.map((_, i) => g.values[i] ?? 0)])}
      />
    </figure>
  );
}
