import type { DetectedPreset } from '../../../shared/imports'
import { LogbookError } from '../../../shared/errors'
import { PRESETS, presetNamed } from './presets'
import type { PresetDefinition } from './types'

export interface Candidate extends DetectedPreset {
  preset: PresetDefinition
  score: number
}

/** Every preset whose detect() accepts the header, best first (ties keep the list's order). */
export function candidatesFor(header: readonly string[], fileName: string): Candidate[] {
  const found: Candidate[] = []
  for (const preset of PRESETS) {
    const match = preset.detect(header, fileName)
    if (match) found.push({ preset, name: preset.name, reason: match.reason, score: match.score })
  }
  return found.sort((a, b) => b.score - a.score)
}

/**
 * The preset to read a file with: the one named, or (for `auto`) the best fit of its header,
 * with the reason it was chosen.
 */
export function choosePreset(
  requested: string,
  header: readonly string[],
  fileName: string,
): { preset: PresetDefinition; reason: string; candidates: Candidate[] } {
  const candidates = candidatesFor(header, fileName)
  if (requested !== 'auto') {
    const preset = presetNamed(requested)
    if (!preset) {
      const names = PRESETS.map((p) => p.name).join(', ')
      throw new LogbookError(
        'invalid_input',
        `Unknown preset "${requested}"; use auto or one of: ${names}`,
        'preset',
      )
    }
    return { preset, reason: 'chosen', candidates }
  }
  const best = candidates[0]
  if (!best) {
    const shown = header.slice(0, 6).join(', ') || '(no header)'
    throw new LogbookError(
      'invalid_input',
      `No preset recognises this file's columns (${shown}); choose a preset and map the columns by hand`,
      'preset',
    )
  }
  return { preset: best.preset, reason: best.reason, candidates }
}
