// Okabe–Ito, the colour-blind-safe palette every chart uses. A series keeps its colour on every
// page: the known series are named here; any other takes the next free colour in order.

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const

/** The order colours are handed out in (yellow last: weakest on a light background). */
export const SERIES_ORDER: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.grey,
  OKABE_ITO.yellow,
]

/** Series that appear on several pages, always in the same colour. */
const NAMED: Record<string, string> = {
  dau: OKABE_ITO.blue,
  wau: OKABE_ITO.skyBlue,
  mau: OKABE_ITO.bluishGreen,
  stickiness: OKABE_ITO.orange,
  casual: OKABE_ITO.skyBlue,
  regular: OKABE_ITO.bluishGreen,
  core: OKABE_ITO.blue,
  power: OKABE_ITO.vermillion,
  new: OKABE_ITO.bluishGreen,
  returning: OKABE_ITO.blue,
  resurrecting: OKABE_ITO.orange,
  dormant: OKABE_ITO.vermillion,
  sessions: OKABE_ITO.blue,
  users: OKABE_ITO.orange,
  weight: OKABE_ITO.blue,
  average: OKABE_ITO.orange,
  goal: OKABE_ITO.vermillion,
}

/** The colour of a series: its own when it has one, else the `index`-th of the palette. */
export function seriesColor(name: string, index = 0): string {
  return (
    NAMED[name.trim().toLowerCase()] ?? SERIES_ORDER[index % SERIES_ORDER.length] ?? OKABE_ITO.grey
  )
}

/** `#RRGGBB` with an alpha, for fills under lines and heatmap cells. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16)
  const r = (value >> 16) & 255
  const g = (value >> 8) & 255
  const b = value & 255
  return `rgba(${r}, ${g}, ${b}, ${Math.max(0, Math.min(1, alpha))})`
}
