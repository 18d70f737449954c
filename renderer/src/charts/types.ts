/** Exactly the numbers a chart draws, as rows: its table view and its CSV export. */
export interface ChartTable {
  columns: string[]
  /** Headings shown in the window, when plainer than the CSV's column names. */
  labels?: string[]
  rows: (string | number | null)[][]
}
