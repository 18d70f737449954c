import type { PresetDefinition } from '../types'
import { studioMembersPreset } from './studio-members'
import { studioVisitsPreset } from './studio-visits'

// A studio's per-visit attendance file and member list (docs/imports/body-nutrition-studio.md).
export const studioPresets: PresetDefinition[] = [studioVisitsPreset, studioMembersPreset]
