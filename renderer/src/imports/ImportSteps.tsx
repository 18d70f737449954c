import type { ImportStep } from './import-store'

const STEPS: readonly { label: string; steps: readonly ImportStep[] }[] = [
  { label: 'Choose a file', steps: ['pick', 'upload'] },
  { label: 'Check the preview', steps: ['preview'] },
  { label: 'Import', steps: ['run'] },
  { label: 'Summary', steps: ['summary'] },
]

/** Where the person is in the import, as a short list of numbered steps. */
export function ImportSteps({ step }: { step: ImportStep }) {
  const current = STEPS.findIndex((s) => s.steps.includes(step))
  return (
    <ol className="import-steps" aria-label="Import steps">
      {STEPS.map((s, index) => (
        <li
          key={s.label}
          className={index === current ? 'current' : index < current ? 'done' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="step-number num">{index + 1}</span>
          {s.label}
        </li>
      ))}
    </ol>
  )
}
