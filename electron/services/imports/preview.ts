import { statSync } from 'node:fs'
import { LogbookError } from '../../../shared/errors'
import type { ImportPreview } from '../../../shared/imports'
import { DELIMITER_NAMES } from '../csv/delimiter'
import { ENCODING_NAMES } from '../csv/encoding'
import { readCsv, type CsvFormat } from '../csv/read'
import { assertUnambiguous, bindColumns, describeMapping, missingFields } from './columns'
import { choosePreset } from './detect'
import { presetInfo } from './presets'
import type { BoundPreset } from './types'

export const PREVIEW_ROWS = 20

export interface PreviewRequest {
  file: string
  fileName: string
  preset: string
  remap?: Readonly<Record<string, string | null>>
  timeZone: string
}

class EnoughRows extends Error {}

/**
 * What the import would do with the first rows: the detected format and preset, each column's
 * field, and each row's problems. Reads only the start of the file and writes nothing.
 */
export async function previewImport(request: PreviewRequest): Promise<ImportPreview> {
  const { file, fileName } = request
  const fileBytes = statSync(file).size
  if (fileBytes === 0) {
    throw new LogbookError('invalid_input', `${fileName} is empty: there is nothing to import`)
  }
  let format: CsvFormat | undefined
  let preview: Omit<ImportPreview, 'rows'> | undefined
  let bound: BoundPreset<unknown> | undefined
  const rows: ImportPreview['rows'] = []
  try {
    await readCsv(file, {
      fileName,
      onFormat: (detected) => (format = detected),
      onHeader: (header) => {
        const chosen = choosePreset(request.preset, header, fileName)
        const columns = bindColumns(chosen.preset.fields, header, request.remap)
        assertUnambiguous(fileName, header, columns)
        const missing = missingFields(chosen.preset.fields, columns)
        if (missing.length === 0) {
          bound = chosen.preset.bind(columns, header, {
            delimiter: format?.delimiter ?? ',',
            timeZone: request.timeZone,
            fileName,
          })
        }
        preview = {
          fileName,
          fileBytes,
          encoding: format ? ENCODING_NAMES[format.encoding] : '',
          encodingReason: format?.encodingReason ?? '',
          delimiter: format ? DELIMITER_NAMES[format.delimiter] : '',
          delimiterReason: format?.delimiterReason ?? '',
          header,
          preset: presetInfo(chosen.preset),
          presetReason: chosen.reason,
          candidates: chosen.candidates.map(({ name, reason }) => ({ name, reason })),
          mapping: describeMapping(chosen.preset, header, columns),
          missing,
        }
      },
      onRow: (cells, line) => {
        const parsed = bound?.parse(cells, line)
        rows.push({
          line,
          cells,
          problems: parsed?.kind === 'reject' ? parsed.problems : [],
          skipped: parsed?.kind === 'skip' ? parsed.reason : null,
        })
        if (rows.length >= PREVIEW_ROWS) throw new EnoughRows()
      },
      onError: ({ line, reason }) => {
        rows.push({
          line,
          cells: [],
          problems: [{ line, column: '', value: '', reason }],
          skipped: null,
        })
        if (rows.length >= PREVIEW_ROWS) throw new EnoughRows()
      },
    })
  } catch (error) {
    if (!(error instanceof EnoughRows)) throw error
  }
  if (!preview) {
    throw new LogbookError(
      'invalid_input',
      `${fileName} has no header row: there is nothing to import`,
    )
  }
  return { ...preview, rows }
}
