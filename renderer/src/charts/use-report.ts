import { useEffect, useState } from 'react'
import type { ReportParams, ReportResult } from '../../../shared/reports'
import { api } from '../client'

export interface ReportState {
  /** The last result; kept while a new one loads, so the page does not jump. */
  result: ReportResult | null
  loading: boolean
  error: string | null
}

interface Answer {
  key: string
  result: ReportResult | null
  error: string | null
}

/**
 * Runs a report whenever its name or params change. An answer to an older request than the
 * latest is dropped, so a fast filter change never shows an older range.
 */
export function useReport(name: string, params: ReportParams): ReportState {
  const key = JSON.stringify([name, params])
  const [answer, setAnswer] = useState<Answer | null>(null)

  useEffect(() => {
    let latest = true
    const [reportName, reportParams] = JSON.parse(key) as [string, ReportParams]
    api['reports.run']({ name: reportName, ...reportParams }).then(
      (result) => latest && setAnswer({ key, result, error: null }),
      (error: unknown) =>
        latest &&
        setAnswer({
          key,
          result: null,
          error: error instanceof Error ? error.message : String(error),
        }),
    )
    return () => {
      latest = false
    }
  }, [key])

  return {
    result: answer?.result ?? null,
    loading: answer?.key !== key,
    error: answer?.key === key ? answer.error : null,
  }
}
