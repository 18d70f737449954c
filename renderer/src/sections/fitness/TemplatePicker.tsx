import { Dumbbell, Plus } from 'lucide-react'
import { Link } from 'react-router'
import type { TemplateDay, WorkoutTemplate } from '../../../../shared/contract/fitness'
import { humanize } from '../../records/format'
import { dayLabel } from './workout-format'

interface Props {
  templates: WorkoutTemplate[] | null
  onStart(program?: WorkoutTemplate, day?: TemplateDay): void
}

/** The first step: a program day to follow, or a blank workout. */
export function TemplatePicker({ templates, onStart }: Props) {
  const firstDay = templates?.find((t) => t.days.length > 0)?.days[0]
  return (
    <section className="workout-start" aria-labelledby="workout-start-title">
      <div className="workout-start-head">
        <h2 id="workout-start-title">Start a workout</h2>
        <p className="muted">
          Follow a day of one of your programs, or start blank and add exercises as you go.
        </p>
      </div>
      <div className="workout-start-blank">
        <button
          type="button"
          className={firstDay ? '' : 'primary'}
          onClick={() => onStart()}
          autoFocus={!firstDay}
        >
          <Plus size={16} aria-hidden /> Blank workout
        </button>
      </div>
      {templates === null ? (
        <p className="loading" role="status">
          Loading programs…
        </p>
      ) : templates.length === 0 ? (
        <p className="empty">
          No programs yet. Set one up in <Link to="/fitness/fitness_programs">Programs</Link> and
          give it days in <Link to="/fitness/fitness_program_exercises">Program exercises</Link>;
          its days then appear here.
        </p>
      ) : (
        <ul className="program-list">
          {templates.map((program) => (
            <li key={program.programId} className="card program-card">
              <header>
                <h3>{program.name}</h3>
                <span className="muted">
                  {humanize(program.programType)} · {humanize(program.status)}
                </span>
              </header>
              {program.days.length === 0 ? (
                <button type="button" className="day-button" onClick={() => onStart(program)}>
                  <span className="day-name">Without a day</span>
                  <span className="day-exercises muted">No exercises set up yet</span>
                </button>
              ) : (
                <div className="day-buttons">
                  {program.days.map((day) => (
                    <button
                      key={day.day ?? ''}
                      type="button"
                      className="day-button"
                      aria-label={`${program.name}: ${dayLabel(day.day)}, ${day.exercises.length} exercises`}
                      autoFocus={day === firstDay}
                      onClick={() => onStart(program, day)}
                    >
                      <span className="day-name">
                        <Dumbbell size={14} aria-hidden /> {dayLabel(day.day)}
                      </span>
                      <span className="day-exercises muted">
                        {day.exercises.map((e) => e.name).join(' · ')}
                      </span>
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
