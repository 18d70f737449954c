import type { SeriesPreview } from '../../../../shared/contract/studio'
import { clock, longDate } from './studio-format'

interface Props {
  preview: SeriesPreview
  className: string
  durationMins: number
}

const MINUTE = 60_000

/** Every date the series would create, with what the desk should know about each. */
export function SeriesPreviewTable({ preview, className, durationMins }: Props) {
  const { timeZone, sessions } = preview
  const warnings = sessions.filter((s) => s.note || s.clash).length
  return (
    <table className="series-preview">
      <caption>
        {sessions.length} {className} {sessions.length === 1 ? 'class' : 'classes'} at{' '}
        {preview.locationName}, times in {timeZone.replaceAll('_', ' ')}
        {warnings > 0 && (
          <span className="warn">
            {' '}
            · {warnings} {warnings === 1 ? 'date needs' : 'dates need'} a look
          </span>
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Date</th>
          <th scope="col" className="num">
            Time
          </th>
          <th scope="col">Bookable from</th>
          <th scope="col" className="num">
            Week
          </th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s, index) => {
          const start = Date.parse(s.datetime)
          return (
            <tr key={s.datetime}>
              <td className="num">{index + 1}</td>
              <td>{longDate(s.date)}</td>
              <td className="num">
                {clock(start, timeZone)}–{clock(start + durationMins * MINUTE, timeZone)}
              </td>
              <td>
                {s.releaseTimestamp
                  ? new Intl.DateTimeFormat(undefined, {
                      timeZone,
                      weekday: 'short',
                      day: 'numeric',
                      month: 'short',
                      hour: '2-digit',
                      minute: '2-digit',
                    }).format(Date.parse(s.releaseTimestamp))
                  : 'At once'}
              </td>
              <td className="num">{s.weekNumber}</td>
              <td className={s.note || s.clash ? 'warn' : 'muted'}>
                {[s.note, s.clash && `Overlaps ${s.clash} in the same room`]
                  .filter(Boolean)
                  .join(' ') || '—'}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
