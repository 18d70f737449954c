import type { PresetDefinition } from '../types'
import { goodreadsPreset } from './goodreads'
import { imdbRatingsPreset } from './imdb'
import { letterboxdPresets } from './letterboxd'

// Letterboxd, IMDb and Goodreads exports. docs/imports/media.md describes what each reads.
export const mediaPresets: PresetDefinition[] = [
  ...letterboxdPresets,
  imdbRatingsPreset,
  goodreadsPreset,
]
