/** Exactly the numbers a chart draws, as rows: its table view and its CSV export. */
export interface ChartTable {
  columns: string[]
  rows: (string | number | null)[][]
}
