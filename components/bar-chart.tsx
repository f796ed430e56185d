/**
 * A simple horizontal bar chart in SVG: one row per category, one bar per
 * series, each bar labelled with its number. It is a picture of the table
 * that follows it (same figures), so it is named by its caption and the
 * table carries the figures for anyone who cannot see it.
 */
export type ChartSeries = { name: string; colour: string; values: number[] };

const ROW = 22;
const GAP = 10;
const LABEL_WIDTH = 230;
const BAR_SPACE = 360;

export function BarChart({ id, caption, categories, series }: { id: string; caption: string; categories: string[]; series: ChartSeries[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupHeight = series.length * ROW + GAP;
  const legendHeight = series.length > 1 ? 28 : 0;
  const height = legendHeight + categories.length * groupHeight;
  const width = LABEL_WIDTH + BAR_SPACE + 60;
  return (
    <figure className="mb-6 max-w-3xl" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="mb-2 font-bold">
        {caption}
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-caption`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" style={{ maxWidth: width }}>
        {series.length > 1
          ? series.map((s, i) => (
              <g key={s.name} transform={`translate(${LABEL_WIDTH + i * 140}, 4)`}>
                <rect width="14" height="14" fill={s.colour} />
                <text x="20" y="12" fontSize="14" fill="#0b0c0c">
                  {s.name}
                </text>
              </g>
            ))
          : null}
        {categories.map((category, c) => {
          const top = legendHeight + c * groupHeight;
          return (
            <g key={category}>
              <text x={LABEL_WIDTH - 8} y={top + (series.length * ROW) / 2 + 5} fontSize="14" textAnchor="end" fill="#0b0c0c">
                {category.length > 32 ? `${category.slice(0, 31)}…` : category}
              </text>
              {series.map((s, i) => {
                const value = s.values[c] ?? 0;
                const w = Math.round((value / max) * BAR_SPACE);
                const y = top + i * ROW;
                return (
                  <g key={s.name}>
                    <rect x={LABEL_WIDTH} y={y + 2} width={Math.max(w, value > 0 ? 2 : 0)} height={ROW - 6} fill={s.colour} />
                    <text x={LABEL_WIDTH + w + 6} y={y + ROW - 7} fontSize="13" fill="#0b0c0c">
                      {value}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
