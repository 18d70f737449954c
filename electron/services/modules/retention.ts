import type { HandlerModule } from '../registry'
import { applyRetention } from '../retention/apply'
import { previewRetention } from '../retention/preview'

export const retentionHandlers: HandlerModule = {
  'retention.preview': async (ctx) => previewRetention(ctx.session.handle.sqlite),
  'retention.apply': async (ctx, input) => {
    const { sqlite, path } = ctx.session.handle
    return applyRetention(sqlite, path, {
      folder: input.folder,
      source: { adapter: ctx.adapter, method: 'retention.apply' },
      onProgress: (fraction, message) => ctx.progress({ fraction, message }),
    })
  },
}
