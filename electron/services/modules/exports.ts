import { Writable } from 'node:stream'
import { exportTableTo } from '../exports/export-table'
import type { HandlerModule } from '../registry'

/** Collects what the CSV writer writes into one string. */
class TextSink extends Writable {
  private readonly parts: string[] = []

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    this.parts.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
    done()
  }

  get text() {
    return this.parts.join('')
  }
}

export const exportsHandlers: HandlerModule = {
  'exports.csv': async (ctx, input) => {
    const sink = new TextSink()
    const rows = await exportTableTo(ctx.session.handle, input.name, sink, {
      from: input.from,
      to: input.to,
      bom: input.bom,
    })
    const range = input.from || input.to ? `-${input.from ?? 'start'}-to-${input.to ?? 'end'}` : ''
    return { fileName: `${input.name}${range}.csv`, csv: sink.text, rows }
  },
}
