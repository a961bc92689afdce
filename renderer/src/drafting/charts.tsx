import { t } from "../strings";

/**
 * Charts that explain themselves: each has axes with ticks and units, its lines named in a
 * legend, and a text alternative. Geometry is in the SVG's own coordinates (viewBox units);
 * colours and type come from the tokens through the classes in drafting.css.
 */

/** Round tick steps (1, 2, 2.5, 5 × 10ⁿ) giving about `count` ticks up to `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

const fmt = (n: number) => Math.round(n).toLocaleString();
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface LengthUnit {
  heading: string;
  words: number;
  targetWords: number;
  /** not yet written: drawn as an outline so the book's shape still shows */
  pending?: boolean;
}

/** Every unit's length against its target and tolerance band: the book's shape at a glance. */
export function LengthChart({ units, tolerance, countUnit }: { units: LengthUnit[]; tolerance: number; countUnit: string }) {
  const W = 720;
  const H = 240;
  const m = { left: 60, right: 12, top: 14, bottom: units.length > 30 ? 40 : 78 };
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;
  const ticks = niceTicks(Math.max(1, ...units.map((u) => Math.max(u.words, u.targetWords * (1 + tolerance)))));
  const max = ticks[ticks.length - 1]!;
  const y = (v: number) => m.top + plotH - (v / max) * plotH;
  const bw = units.length ? plotW / units.length : 0;
  const every = Math.max(1, Math.ceil(units.length / 30));
  const pct = Math.round(tolerance * 100);
  return (
    <figure className="chart-figure">
      <figcaption>{t.drafting.run.lengthTitle}</figcaption>
      <svg className="chart length-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.drafting.run.lengthChart(countUnit)} data-testid="length-chart">
        {ticks.map((v) => (
          <g key={v}>
            <line className="grid" x1={m.left} x2={W - m.right} y1={y(v)} y2={y(v)} />
            <text x={m.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {fmt(v)}
            </text>
          </g>
        ))}
        <text className="axis-title" transform={`translate(14 ${m.top + plotH / 2}) rotate(-90)`} textAnchor="middle">
          {t.drafting.run.axisLength(countUnit)}
        </text>
        {units.map((u, i) => {
          const x = m.left + i * bw;
          const lo = u.targetWords * (1 - tolerance);
          const hi = u.targetWords * (1 + tolerance);
          const within = u.words >= lo && u.words <= hi;
          return (
            <g key={i} data-testid="length-chart-unit">
              <title>{t.drafting.run.lengthTip(u.heading, u.words, u.targetWords, countUnit)}</title>
              <rect className="band" x={x + 1} width={Math.max(1, bw - 2)} y={y(hi)} height={Math.max(1, y(lo) - y(hi))} />
              {u.words > 0 ? (
                <rect className={within ? "bar ok" : "bar"} x={x + bw * 0.22} width={Math.max(1, bw * 0.56)} y={y(u.words)} height={m.top + plotH - y(u.words)} />
              ) : null}
              <line className="target" x1={x + 1} x2={x + bw - 1} y1={y(u.targetWords)} y2={y(u.targetWords)} />
              {i % every === 0 ? (
                units.length > 30 ? (
                  <text x={x + bw / 2} y={m.top + plotH + 14} textAnchor="middle">
                    {i + 1}
                  </text>
                ) : (
                  <text transform={`translate(${x + bw / 2} ${m.top + plotH + 8}) rotate(-40)`} textAnchor="end" dominantBaseline="middle">
                    {clip(u.heading, 16)}
                  </text>
                )
              ) : null}
            </g>
          );
        })}
        <line className="axis" x1={m.left} x2={W - m.right} y1={m.top + plotH} y2={m.top + plotH} />
        <line className="axis" x1={m.left} x2={m.left} y1={m.top} y2={m.top + plotH} />
        {units.length > 30 ? (
          <text className="axis-title" x={m.left + plotW / 2} y={H - 6} textAnchor="middle">
            {t.drafting.run.axisUnits}
          </text>
        ) : null}
      </svg>
      <ul className="legend" aria-label={t.drafting.run.legend}>
        <li>
          <span className="swatch bar" aria-hidden="true" /> {t.drafting.run.legendWritten}
        </li>
        <li>
          <span className="swatch ok" aria-hidden="true" /> {t.drafting.run.legendWithin}
        </li>
        <li>
          <span className="swatch target" aria-hidden="true" /> {t.drafting.run.legendTarget}
        </li>
        <li>
          <span className="swatch band" aria-hidden="true" /> {t.drafting.run.legendBand(pct)}
        </li>
      </ul>
    </figure>
  );
}

/** "42 s", "3 min", "2 h" for a run; "day 3" for the project's history. */
function timeLabel(v: number, unit: "seconds" | "days"): string {
  if (unit === "days") return t.drafting.run.dayTick(Math.round(v));
  if (v < 120) return `${Math.round(v)} s`;
  if (v < 7200) return `${Math.round(v / 60)} min`;
  return `${(v / 3600).toFixed(1)} h`;
}

/** Words over time, against the total aimed for (the run's, or the project's by day). */
export function ProgressChart({
  points,
  target,
  countUnit,
  xUnit,
  title,
  targetLabel,
}: {
  points: [number, number][];
  target: number;
  countUnit: string;
  xUnit: "seconds" | "days";
  title: string;
  targetLabel: string;
}) {
  const W = 720;
  const H = 200;
  const m = { left: 60, right: 16, top: 14, bottom: 40 };
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;
  const yTicks = niceTicks(Math.max(1, target, ...points.map((p) => p[1])));
  const yMax = yTicks[yTicks.length - 1]!;
  const xTicks = niceTicks(Math.max(1, ...points.map((p) => p[0])), 5);
  const xMax = xTicks[xTicks.length - 1]!;
  const x = (v: number) => m.left + (v / xMax) * plotW;
  const y = (v: number) => m.top + plotH - (v / yMax) * plotH;
  const d = points.map(([s, w], i) => `${i ? "L" : "M"}${x(s).toFixed(1)},${y(w).toFixed(1)}`).join(" ");
  const last = points[points.length - 1];
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <svg className="chart progress-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.drafting.run.progressAlt(title, last?.[1] ?? 0, target, countUnit)} data-testid="progress-chart">
        {yTicks.map((v) => (
          <g key={v}>
            <line className="grid" x1={m.left} x2={W - m.right} y1={y(v)} y2={y(v)} />
            <text x={m.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {fmt(v)}
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <g key={`x${v}`}>
            <line className="tick" x1={x(v)} x2={x(v)} y1={m.top + plotH} y2={m.top + plotH + 4} />
            <text x={x(v)} y={m.top + plotH + 16} textAnchor="middle">
              {timeLabel(v, xUnit)}
            </text>
          </g>
        ))}
        <text className="axis-title" transform={`translate(14 ${m.top + plotH / 2}) rotate(-90)`} textAnchor="middle">
          {t.drafting.run.axisLength(countUnit)}
        </text>
        <text className="axis-title" x={m.left + plotW / 2} y={H - 4} textAnchor="middle">
          {xUnit === "days" ? t.drafting.run.axisDays : t.drafting.run.axisTime}
        </text>
        {target > 0 ? (
          <g>
            <line className="target" x1={m.left} x2={W - m.right} y1={y(target)} y2={y(target)} />
            <text className="target-label" x={W - m.right - 4} y={y(target) - 6 < m.top + 8 ? y(target) + 14 : y(target) - 6} textAnchor="end">
              {targetLabel}
            </text>
          </g>
        ) : null}
        <line className="axis" x1={m.left} x2={W - m.right} y1={m.top + plotH} y2={m.top + plotH} />
        <line className="axis" x1={m.left} x2={m.left} y1={m.top} y2={m.top + plotH} />
        {points.length > 1 ? <path className="line" d={d} /> : null}
        {last ? <circle className="dot" cx={x(last[0])} cy={y(last[1])} r={3} /> : null}
      </svg>
    </figure>
  );
}
