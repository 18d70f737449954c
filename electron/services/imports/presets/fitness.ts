import type { PresetDefinition } from '../types'
import { fitbodPreset } from './fitness-fitbod'
import { fitnotesPreset } from './fitness-fitnotes'
import { hevyPreset } from './fitness-hevy'
import { strongPresets } from './fitness-strong'

// Strong, Hevy, FitNotes and Fitbod workout exports (docs/imports/fitness.md).
export const fitnessPresets: PresetDefinition[] = [
  ...strongPresets,
  hevyPreset,
  fitnotesPreset,
  fitbodPreset,
]
