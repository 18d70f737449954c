/** A bar for a long job: how far it is, and what it is doing in words. */
export function ProgressBar({
  label,
  fraction,
  text,
}: {
  label: string
  /** 0–1, or null while the total is unknown (the bar then moves without a value). */
  fraction: number | null
  text: string
}) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100)
  return (
    <div className="meter">
      <div
        className={percent === null ? 'meter-track unknown' : 'meter-track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? text : `${percent}% · ${text}`}
      >
        <div className="meter-fill" style={{ width: `${percent ?? 30}%` }} />
      </div>
      <p className="meter-text" aria-live="polite">
        {percent !== null && <span className="num meter-percent">{percent}%</span>}
        <span>{text}</span>
      </p>
    </div>
  )
}
