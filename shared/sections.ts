/** The app's sections, in sidebar order; Alt+1…8 and the Go menu follow this order. */
export const SECTIONS = [
  { id: 'dashboard', label: 'Dashboard', path: '/' },
  { id: 'fitness', label: 'Fitness', path: '/fitness' },
  { id: 'media', label: 'Media', path: '/media' },
  { id: 'blog', label: 'Blog', path: '/blog' },
  { id: 'studio', label: 'Studio', path: '/studio' },
  { id: 'analytics', label: 'Analytics', path: '/analytics' },
  { id: 'data', label: 'Data', path: '/data' },
  { id: 'settings', label: 'Settings', path: '/settings' },
] as const

export type SectionId = (typeof SECTIONS)[number]['id']
