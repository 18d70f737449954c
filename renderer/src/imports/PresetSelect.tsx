import type { DetectedPreset, PresetInfo } from '../../../shared/imports'

/**
 * "Read as": the presets that fit the header first (best first), then every other preset, so a
 * file no preset recognises can still be read with one and mapped by hand.
 */
export function PresetSelect({
  value,
  candidates,
  presets,
  disabled,
  onChange,
}: {
  /** The preset chosen now; '' when none is yet. */
  value: string
  candidates: readonly DetectedPreset[]
  presets: readonly PresetInfo[]
  disabled?: boolean
  onChange(name: string): void
}) {
  const labelOf = (name: string) => presets.find((p) => p.name === name)?.label ?? name
  const fitting = new Set(candidates.map((c) => c.name))
  const others = presets.filter((p) => !fitting.has(p.name))
  // The chosen preset is always listed, even before the full list has loaded.
  const unlisted = value !== '' && !fitting.has(value) && !others.some((p) => p.name === value)
  return (
    <select
      id="import-preset"
      value={value}
      disabled={disabled}
      onChange={(event) => {
        if (event.target.value) onChange(event.target.value)
      }}
    >
      {value === '' && <option value="">Choose how to read this file…</option>}
      {unlisted && <option value={value}>{labelOf(value)}</option>}
      {candidates.length > 0 && (
        <optgroup label="Fits this file">
          {candidates.map((c) => (
            <option key={c.name} value={c.name}>
              {labelOf(c.name)}
            </option>
          ))}
        </optgroup>
      )}
      {others.length > 0 && (
        <optgroup label={candidates.length > 0 ? 'Other presets' : 'Presets'}>
          {others.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  )
}
