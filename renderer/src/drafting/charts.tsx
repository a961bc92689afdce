import { t } from "../strings";

/** Every unit's length against its target, with the tolerance band: the book's shape at a glance. */
export function LengthChart({ units, tolerance, countUnit }: { units: { heading: string; words: number; targetWords: number }[]; tolerance: number; countUnit: string }) {
  const W = 640;
  const H = 140;
  const pad = 4;
  const max = Math.max(1, ...units.map((u) => Math.max(u.words, u.targetWords * (1 + tolerance))));
  const bw = units.length ? (W - pad * 2) / units.length : 0;
  const y = (v: number) => H - (v / max) * (H - 10);
  return (
    <svg className="length-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.drafting.run.lengthChart(countUnit)} data-testid="length-chart">
      {units.map((u, i) => {
        const x = pad + i * bw;
        const lo = u.targetWords * (1 - tolerance);
        const hi = u.targetWords * (1 + tolerance);
        const within = u.words >= lo && u.words <= hi;
        return (
          <g key={i}>
            <title>{`${u.heading}: ${u.words} / ${u.targetWords}`}</title>
            <rect className="band" x={x} width={bw - 1} y={y(hi)} height={Math.max(1, y(lo) - y(hi))} />
            <rect className={within ? "bar ok" : "bar"} x={x + bw * 0.2} width={Math.max(1, bw * 0.6 - 1)} y={y(u.words)} height={H - y(u.words)} />
            <line className="target" x1={x} x2={x + bw - 1} y1={y(u.targetWords)} y2={y(u.targetWords)} />
          </g>
        );
      })}
    </svg>
  );
}

/** Words over time: the run's (or the project's) progress. */
export function ProgressChart({ points, target }: { points: [number, number][]; target: number }) {
  const W = 640;
  const H = 100;
  const maxT = Math.max(1, ...points.map((p) => p[0]));
  const maxW = Math.max(1, target, ...points.map((p) => p[1]));
  const d = points.map(([s, w], i) => `${i ? "L" : "M"}${((s / maxT) * (W - 4) + 2).toFixed(1)},${(H - 2 - (w / maxW) * (H - 6)).toFixed(1)}`).join(" ");
  return (
    <svg className="progress-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.drafting.run.progressChart} data-testid="progress-chart">
      <line className="target" x1={0} x2={W} y1={H - 2 - (target / maxW) * (H - 6)} y2={H - 2 - (target / maxW) * (H - 6)} />
      {points.length > 1 ? <path d={d} /> : null}
    </svg>
  );
}
