import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session as electronSession,
  shell,
} from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { IPC_MENU, IPC_PROGRESS, type MenuCommand } from '../shared/bridge'
import { LogbookError } from '../shared/errors'
import { registerFolderPicker, registerIpcAdapter } from './adapters/ipc/adapter'
import { resolveStaticPath } from './adapters/http/static-files'
import { DatabaseDamagedError } from './services/backup/integrity'
import {
  checkDatabaseAtStartup,
  recoverFromBackup,
  recoveryOffer,
} from './services/backup/recovery'
import { writeBackupFile } from './services/backup/store'
import { startHousekeeping } from './services/housekeeping'
import { stampOf } from './services/backup/names'
import { defaultDatabasePath } from './services/db/paths'
import { exportAll } from './services/exports/export-all'
import { createAppRegistry } from './services/handlers'
import { restoreExportInto } from './services/imports/restore'
import { Session } from './services/session'
import { menuTemplate } from './main-menu'
import { loadWindowState, trackWindowState } from './window-state'

// The Electron shell stays thin: window, protocol, security, IPC wiring. Everything else is in
// services that run in plain Node and are tested there.

const SCHEME = 'app'
const APP_ORIGIN = `${SCHEME}://logbook`
const RENDERER_DIR = join(import.meta.dirname, '..', 'renderer')
const EXTERNAL_ALLOW_LIST = ['https://github.com']
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

if (!app.requestSingleInstanceLock()) app.quit()

function serveRenderer() {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url)
    const file = url.host === 'logbook' ? resolveStaticPath(RENDERER_DIR, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CSP)
    return new Response(response.body, { status: response.status, headers })
  })
}

function lockDown(window: BrowserWindow) {
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOW_LIST.some((origin) => url.startsWith(`${origin}/`)))
      void shell.openExternal(url)
    return { action: 'deny' }
  })
}

async function createWindow() {
  const state = loadWindowState(app.getPath('userData'))
  const window = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Logbook',
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  trackWindowState(window, app.getPath('userData'))
  lockDown(window)
  window.once('ready-to-show', () => window.show())
  await window.loadURL(`${APP_ORIGIN}/index.html`)
  return window
}

/** File → Open database… and Back up…: files only where the person chose them in a dialog. */
function menuActions(session: Session, send: (command: MenuCommand) => void) {
  const failed = (error: unknown) =>
    send({
      type: 'notice',
      failed: true,
      message:
        error instanceof LogbookError ? error.message : 'That did not work; nothing was changed.',
    })
  return {
    navigate: (path: string) => send({ type: 'navigate', path }),
    openDatabase: async () => {
      const choice = await dialog.showOpenDialog({
        title: 'Open a Logbook database',
        properties: ['openFile', 'createDirectory', 'promptToCreate'],
        filters: [{ name: 'Logbook database', extensions: ['db', 'sqlite', 'sqlite3'] }],
      })
      const path = choice.filePaths[0]
      if (choice.canceled || !path) return
      try {
        await session.openOwnFile(path)
        send({ type: 'database-changed' })
      } catch (error) {
        failed(error)
      }
    },
    exportEverything: async () => {
      const choice = await dialog.showOpenDialog({
        title: 'Export everything into a folder',
        buttonLabel: 'Export here',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      })
      const folder = choice.filePaths[0]
      if (choice.canceled || !folder) return
      try {
        const { manifest } = await exportAll(session.handle, folder)
        send({ type: 'notice', message: `Exported ${manifest.tables.length} tables to ${folder}` })
      } catch (error) {
        failed(error)
      }
    },
    restoreExport: async () => {
      const choice = await dialog.showOpenDialog({
        title: 'Restore from an “Export everything” folder',
        buttonLabel: 'Restore',
        properties: ['openDirectory'],
      })
      const folder = choice.filePaths[0]
      if (choice.canceled || !folder) return
      try {
        const summary = await restoreExportInto(session.handle.path, folder)
        send({
          type: 'notice',
          message: `Restored ${summary.inserted} rows (${summary.duplicates} were already there); undo it in Data → Import history`,
        })
        send({ type: 'database-changed' })
      } catch (error) {
        failed(error)
      }
    },
    backUp: async () => {
      const choice = await dialog.showSaveDialog({
        title: 'Back up the database',
        defaultPath: `logbook-${stampOf(new Date()).slice(0, 8)}.db`,
        filters: [{ name: 'Logbook database', extensions: ['db'] }],
      })
      if (choice.canceled || !choice.filePath) return
      try {
        await writeBackupFile(session.handle.sqlite, choice.filePath)
        send({ type: 'notice', message: `Backed up to ${choice.filePath}` })
      } catch (error) {
        failed(error)
      }
    },
  }
}

/**
 * Start-up: the full integrity check, then the session. A damaged file is never migrated or
 * written; the person restores the newest good backup, opens another file, or quits (null).
 */
async function openSession(path: string): Promise<Session | null> {
  for (;;) {
    try {
      checkDatabaseAtStartup(path)
      return await Session.open(path, { fullyChecked: true })
    } catch (error) {
      if (!(error instanceof DatabaseDamagedError)) throw error
      const offer = await recoveryOffer(error)
      const buttons = [
        ...(offer.newestGood ? ['Restore the newest good backup'] : []),
        'Open another file…',
        'Quit',
      ]
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Logbook',
        message: offer.message,
        detail: offer.detail,
        buttons,
        defaultId: 0,
        cancelId: buttons.length - 1,
      })
      const choice = buttons[response]
      if (choice === 'Restore the newest good backup' && offer.newestGood) {
        try {
          await recoverFromBackup(error.path, offer.newestGood.path)
        } catch (failure) {
          const reason = failure instanceof Error ? failure.message : String(failure)
          dialog.showErrorBox('Logbook', `The backup could not be restored: ${reason}`)
        }
      } else if (choice === 'Open another file…') {
        const picked = await dialog.showOpenDialog({
          title: 'Open a Logbook database',
          properties: ['openFile', 'createDirectory', 'promptToCreate'],
          filters: [{ name: 'Logbook database', extensions: ['db', 'sqlite', 'sqlite3'] }],
        })
        if (!picked.canceled && picked.filePaths[0]) path = picked.filePaths[0]
      } else {
        return null
      }
    }
  }
}

async function start() {
  await app.whenReady()
  electronSession.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  serveRenderer()
  const session = await openSession(process.env.LOGBOOK_DB ?? defaultDatabasePath())
  if (!session) {
    app.quit()
    return
  }
  const stopHousekeeping = startHousekeeping(session, 'ipc')
  let window = await createWindow()
  registerIpcAdapter(ipcMain, {
    registry: createAppRegistry(),
    session,
    appOrigin: APP_ORIGIN,
    sendProgress: (progress) => window.webContents.send(IPC_PROGRESS, progress),
  })
  registerFolderPicker(ipcMain, {
    appOrigin: APP_ORIGIN,
    pick: async (title) => {
      const choice = await dialog.showOpenDialog(window, {
        title,
        properties: ['openDirectory', 'createDirectory'],
      })
      return choice.canceled ? null : (choice.filePaths[0] ?? null)
    },
  })
  const actions = menuActions(session, (command) => window.webContents.send(IPC_MENU, command))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          navigate: actions.navigate,
          openDatabase: () => void actions.openDatabase(),
          backUp: () => void actions.backUp(),
          exportEverything: () => void actions.exportEverything(),
          restoreExport: () => void actions.restoreExport(),
        },
        process.platform,
      ),
    ),
  )
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow().then((w) => (window = w))
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    stopHousekeeping()
    void session.close()
  })
}

void start()
