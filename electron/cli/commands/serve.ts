import { join } from 'node:path'
import { startHttpServer } from '../../adapters/http/server'
import { DatabaseDamagedError } from '../../services/backup/integrity'
import { checkDatabaseAtStartup, recoveryLine } from '../../services/backup/recovery'
import { startHousekeeping } from '../../services/housekeeping'
import { createAppRegistry } from '../../services/handlers'
import { LogbookError } from '../../../shared/errors'
import { Session } from '../../services/session'
import { UsageError, type Command } from '../command'

const RENDERER_DIR = join(import.meta.dirname, '..', '..', '..', 'out', 'renderer')

/** The start-up integrity check; a damaged file is left as it is, with the way back named. */
async function openChecked(path: string) {
  try {
    checkDatabaseAtStartup(path)
    return await Session.open(path, { fullyChecked: true })
  } catch (error) {
    if (error instanceof DatabaseDamagedError)
      throw new LogbookError(error.code, await recoveryLine(error))
    throw error
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Browser mode: serve the app on 127.0.0.1 until stopped (Ctrl+C).',
  usage: 'serve [--port N]   (0, the default, picks any free port)',
  options: { port: { type: 'string' } },
  async run(ctx, values) {
    const port = values.port === undefined ? 0 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(
        `--port must be a whole number from 0 to 65535, not "${String(values.port)}"`,
      )
    }
    const registry = createAppRegistry()
    const session = await openChecked(ctx.dbPath)
    let server
    try {
      server = await startHttpServer({ session, registry, rendererDir: RENDERER_DIR, port })
    } catch (error) {
      await session.close()
      throw error
    }
    ctx.out(`Logbook is serving at ${server.url}`)
    ctx.out(`Database: ${ctx.dbPath}. Press Ctrl+C to stop.`)
    const running = server
    const stopHousekeeping = startHousekeeping(session, 'http')
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        stopHousekeeping()
        void running
          .close()
          .then(() => session.close())
          .then(resolve)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
  },
}
