import type { ImportPreview, PresetInfo } from '../../../shared/imports'
import { formatBytes } from './format'
import { PresetSelect } from './PresetSelect'

/** What Logbook made of the file: the preset and why, the encoding and the delimiter. */
export function DetectedFormat({
  preview,
  presets,
  busy,
  onChoosePreset,
  onAnother,
}: {
  preview: ImportPreview
  presets: readonly PresetInfo[]
  busy: boolean
  onChoosePreset(name: string): void
  onAnother(): void
}) {
  const chosenByHand = preview.presetReason === 'chosen'
  const others = preview.candidates.filter((c) => c.name !== preview.preset.name).length
  return (
    <section className="card detected" aria-labelledby="detected-title">
      <div className="detected-head">
        <h2 id="detected-title">What Logbook found</h2>
        <span className="muted">
          in <strong className="file-name">{preview.fileName}</strong> (
          {formatBytes(preview.fileBytes)})
        </span>
        <span className="spacer" />
        <button type="button" onClick={onAnother}>
          Choose another file
        </button>
      </div>
      <dl className="detected-grid">
        <div className="detected-preset">
          <dt>
            <label htmlFor="import-preset">Read as</label>
          </dt>
          <dd>
            <PresetSelect
              value={preview.preset.name}
              candidates={preview.candidates}
              presets={presets}
              disabled={busy}
              onChange={onChoosePreset}
            />
            <span className="reason" data-testid="preset-reason">
              {chosenByHand ? 'You chose this preset.' : preview.presetReason}
              {others > 0 &&
                !chosenByHand &&
                ` ${others === 1 ? 'One other preset fits' : `${others} other presets fit`} too: see the choice.`}
            </span>
          </dd>
        </div>
        <div>
          <dt>Encoding</dt>
          <dd>
            <strong>{preview.encoding}</strong>
            <span className="reason">{preview.encodingReason}</span>
          </dd>
        </div>
        <div>
          <dt>Delimiter</dt>
          <dd>
            <strong>{preview.delimiter}</strong>
            <span className="reason">{preview.delimiterReason}</span>
          </dd>
        </div>
      </dl>
      <p className="preset-description">
        {preview.preset.description}{' '}
        <span className="targets">
          Writes into{' '}
          {preview.preset.targets.map((t) => (
            <code key={t}>{t}</code>
          ))}
        </span>
      </p>
    </section>
  )
}
