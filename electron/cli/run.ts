import { parseArgs } from 'node:util'
import { LogbookError } from '../../shared/errors'
import { defaultDatabasePath } from '../services/db/paths'
import { UsageError, type CliIo, type Command } from './command'
import { backupCommand } from './commands/backup'
import { exportCommand } from './commands/export'
import { importCommand } from './commands/import'
import { migrateCommand } from './commands/migrate'
import { reportCommand } from './commands/report'
import { restoreCommand } from './commands/restore'
import { seedCommand } from './commands/seed'
import { serveCommand } from './commands/serve'
import { statsCommand } from './commands/stats'

export const commands: Command[] = [
  migrateCommand,
  seedCommand,
  statsCommand,
  importCommand,
  exportCommand,
  reportCommand,
  backupCommand,
  restoreCommand,
  serveCommand,
]

const PROGRAM = 'logbook'

function mainHelp() {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    `Usage: ${PROGRAM} [--db PATH] <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    `  --db PATH   the database file (default: $LOGBOOK_DB or ${defaultDatabasePath()})`,
    '  --help      this text; `<command> --help` tells about one command',
  ].join('\n')
}

function commandHelp(command: Command) {
  return [`Usage: ${PROGRAM} [--db PATH] ${command.usage}`, '', command.summary].join('\n')
}

/** Splits the global options (before the command) from the command and its own arguments. */
function splitGlobal(argv: string[]) {
  let dbPath: string | undefined
  let help = false
  let i = 0
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--db') {
      dbPath = argv[++i]
      if (dbPath === undefined || dbPath.startsWith('--'))
        throw new UsageError('--db needs a file path')
    } else if (arg.startsWith('--db=')) dbPath = arg.slice(5)
    else if (arg === '--help' || arg === '-h') help = true
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`)
    else break
  }
  return { dbPath, help, name: argv[i], rest: argv.slice(i + 1) }
}

/** Runs the CLI and returns its exit code: 0 done, 1 the work failed, 2 it was called wrongly. */
export async function runCli(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let command: Command | undefined
  try {
    const global = splitGlobal(argv)
    if (global.name === undefined) {
      ;(global.help ? io.out : io.err)(mainHelp())
      return global.help ? 0 : 2
    }
    command = commands.find((c) => c.name === global.name)
    if (!command) throw new UsageError(`unknown command "${global.name}"`)
    const { values, positionals } = parseArgs({
      args: global.rest,
      options: {
        ...command.options,
        help: { type: 'boolean', short: 'h' },
        db: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    })
    if (values.help || global.help) {
      io.out(commandHelp(command))
      return 0
    }
    const dbPath = (values.db as string | undefined) ?? global.dbPath ?? defaultDatabasePath(env)
    await command.run({ ...io, dbPath }, values, positionals)
    return 0
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const hint = command ? `${PROGRAM} ${command.name} --help` : `${PROGRAM} --help`
      io.err(`${PROGRAM}: ${(error as Error).message} (see ${hint})`)
      return 2
    }
    if (error instanceof LogbookError) {
      io.err(`${PROGRAM}: ${error.message}`)
      return 1
    }
    const reason = error instanceof Error ? error.message : String(error)
    io.err(`${PROGRAM}: unexpected failure: ${reason.split('\n')[0]}`)
    return 1
  }
}

function isParseArgsError(error: unknown) {
  return (
    error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
  )
}
