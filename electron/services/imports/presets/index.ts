import type { PresetInfo } from '../../../../shared/imports'
import type { PresetDefinition } from '../types'
import { bodyPresets } from './body'
import { entityTablePresets } from './entity-tables'
import { eventsPresets } from './events'
import { fitnessPresets } from './fitness'
import { mediaPresets } from './media'
import { studioPresets } from './studio'

/** Every preset, in the order the UI lists them. */
export const PRESETS: readonly PresetDefinition[] = [
  ...fitnessPresets,
  ...bodyPresets,
  ...mediaPresets,
  ...studioPresets,
  ...eventsPresets,
  ...entityTablePresets,
]

export function presetNamed(name: string): PresetDefinition | undefined {
  return PRESETS.find((preset) => preset.name === name)
}

export function presetInfo(preset: PresetDefinition): PresetInfo {
  return {
    name: preset.name,
    label: preset.label,
    description: preset.description,
    targets: [...preset.targets],
    fields: preset.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required ?? false,
    })),
  }
}
