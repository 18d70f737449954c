import type { PresetDefinition } from '../types'
import { genericBodyPreset, renphoPreset, withingsPreset } from './body-measurements'
import { cronometerPreset } from './nutrition-cronometer'
import { myFitnessPalPreset } from './nutrition-mfp'

// Body measurements (Renpho, Withings, generic) and nutrition (MyFitnessPal, Cronometer).
// The generic body-weight preset comes last: its detect() scores below any named app's.
export const bodyPresets: PresetDefinition[] = [
  renphoPreset,
  withingsPreset,
  myFitnessPalPreset,
  cronometerPreset,
  genericBodyPreset,
]
