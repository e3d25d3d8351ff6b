// Hand-written SVG charts for the review dashboard and campaign figures (no chart library: a few KB
// instead of ~50). Each chart is drawn at the card's measured width, one unit a CSS pixel, so its
// labels keep their CSS size (≥ 12 px) on a phone and on a desktop alike; it labels its bars with
// their values and carries the same figures as a table for screen readers and anyone who prefers numbers.
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
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

/** Width before the first measurement (and where ResizeObserver is missing). */
const DEFAULT_WIDTH = 320;
/** Font sizes of the labels, in px (styles.css .chart-label / .chart-tick / .chart-value). */
const LABEL_SIZE = 13;
const TICK_SIZE = 12;

/** The chart's width in CSS pixels, following the card as it resizes. */
function useChartWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.round(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

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
  const [ref, width] = useChartWidth();
  const labelH = LABEL_SIZE + 6;
  const barH = TICK_SIZE + 4;
  const gap = 5;
  const rowGap = 12;
  const valueCol = Math.ceil(textWidth(String(Math.max(0, ...rows.flatMap((r) => r.values))), TICK_SIZE)) + 8;
  const seriesCol =
    series.length > 1
      ? Math.min(
          Math.round(width / 3),
          Math.ceil(Math.max(...series.map((s) => textWidth(s.label, TICK_SIZE)))) + 8,
        )
      : 0;
  const trackW = width - seriesCol - valueCol;
  const rowH = labelH + series.length * (barH + gap) + rowGap;
  const height = Math.max(rowH * rows.length - rowGap, 20);
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const scale = (v: number) => (v <= 0 ? 0 : Math.max(3, (trackW * v) / max));
  return (
    <figure class="chart" ref={ref}>
      <svg
        class="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${title}. ${describe(rows, series, t('ui.listSeparator'))}`}
      >
        {rows.map((row, r) => {
          const top = r * rowH;
          return (
            <g key={row.label}>
              <text x={0} y={top + LABEL_SIZE} class="chart-label">
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
                    <text x={width} y={y + barH - 3} class="chart-value" text-anchor="end">
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

/** Grouped columns over time (weeks, or months): one column per series in each group, values on top. */
export function ColumnChart({
  title,
  series,
  groups,
  groupHeading,
}: {
  title: string;
  series: readonly Series[];
  groups: readonly BarRow[];
  /** The table's heading of the group column; default "Week". */
  groupHeading?: string;
}) {
  const t = useT();
  const [ref, width] = useChartWidth();
  const height = 180;
  const bottom = TICK_SIZE + 12;
  const top = 14;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const axisW = Math.ceil(textWidth(String(max), TICK_SIZE)) + 6;
  const slot = (width - axisW) / Math.max(1, groups.length);
  // Labels that would not fit side by side at full size: every n-th one is shown (the table has all).
  const widest = Math.max(0, ...groups.map((g) => textWidth(g.label, TICK_SIZE))) + 6;
  const labelEvery = Math.max(1, Math.ceil(widest / slot));
  const barW = Math.min(14, (slot - 6) / series.length);
  const y = (v: number) => top + plotH - (plotH * v) / max;
  return (
    <figure class="chart" ref={ref}>
      <Legend series={series} />
      <svg
        class="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${title}. ${describe(groups, series, t('ui.listSeparator'))}`}
      >
        <line x1={axisW} x2={width} y1={y(0)} y2={y(0)} class="chart-axis" />
        <line x1={axisW} x2={width} y1={y(max)} y2={y(max)} class="chart-grid" />
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
              {gi % labelEvery === 0 ? (
                <text x={axisW + gi * slot + slot / 2} y={height - 6} class="chart-tick" text-anchor="middle">
                  {g.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={title}
        head={[groupHeading ?? t('dashboard.table.week'), ...series.map((s) => s.label)]}
        rows={groups.map((g) => [g.label, ...series.map((_, i) => g.values[i] ?? 0)])}
      />
    </figure>
  );
}
