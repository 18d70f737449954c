import type { ReportDefinition } from '../types'

/** The module reports (fitness, media, blog, studio), in the order `report --help` lists them. */
export const MODULE_REPORTS: readonly ReportDefinition[] = []
