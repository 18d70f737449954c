import type { HandlerModule } from '../registry'
import { applyRetentionInWorker } from '../retention/in-worker'
import { previewRetention } from '../retention/preview'

export const retentionHandlers: HandlerModule = {
  'retention.preview': async (ctx) => previewRetention(ctx.session.handle.sqlite),
  'retention.apply': async (ctx, input) => {
    return applyRetentionInWorker(
      {
        databasePath: ctx.session.handle.path,
        ...(input.folder === undefined ? {} : { folder: input.folder }),
        source: { adapter: ctx.adapter, method: 'retention.apply' },
      },
      ctx.progress,
    )
  },
}
