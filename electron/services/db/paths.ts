import { homedir } from 'node:os'
import { join } from 'node:path'

const APP_NAME = 'Logbook'

/**
 * The folder Electron's `app.getPath('userData')` gives for an app named Logbook, computed
 * without Electron so the CLI and the services find the same file as the desktop app.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
) {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME)
}

/** `LOGBOOK_DB` overrides the default `<userData>/logbook.db`. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env) {
  return env.LOGBOOK_DB ?? join(defaultUserDataDir(env), 'logbook.db')
}

/** The demo database lives beside the user's own, never inside it. */
export function demoDatabasePath(userDatabasePath: string) {
  return join(userDatabasePath, '..', 'logbook-demo.db')
}

/** Backups of a database go to a `backups` folder beside it. */
export function backupDirFor(databasePath: string) {
  return join(databasePath, '..', 'backups')
}
