import { useEffect, useRef, useState } from 'react'
import type { ReportParams, ReportResult } from '../../../shared/reports'
import { api } from '../client'

export interface ReportState {
  /** The last result; kept while a new one loads, so the page does not jump. */
  result: ReportResult | null
  loading: boolean
  error: string | null
}

/**
 * Runs a report whenever its name or params change. Answers that arrive after a newer request
 * are dropped, so a fast filter change never shows an older range.
 */
export function useReport(name: string, params: ReportParams): ReportState {
  const [state, setState] = useState<ReportState>({ result: null, loading: true, error: null })
  const latest = useRef(0)
  const key = JSON.stringify([name, params])

  useEffect(() => {
    const request = ++latest.current
    setState((s) => ({ ...s, loading: true }))
    const [reportName, reportParams] = JSON.parse(key) as [string, ReportParams]
    api['reports.run']({ name: reportName, ...reportParams }).then(
      (result) => {
        if (request === latest.current) setState({ result, loading: false, error: null })
      },
      (error: unknown) => {
        if (request !== latest.current) return
        const message = error instanceof Error ? error.message : String(error)
        setState({ result: null, loading: false, error: message })
      },
    )
  }, [key])

  return state
}
