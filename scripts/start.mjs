// `npm start`: build, then open the desktop app. Where the Electron binary cannot be had (it is
// downloaded on first run, and some machines have no internet), start the browser mode instead,
// on the same database, and say so.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

let electronBinary = null
try {
  electronBinary = require('electron')
} catch (error) {
  console.error(
    `Logbook: the Electron binary is not available here (${error.message.split('\n')[0]}).`,
  )
  console.error('Logbook: starting the browser mode instead; open the address below in a browser.')
}

const child = electronBinary
  ? spawn(electronBinary, ['.'], { stdio: 'inherit' })
  : spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', 'serve', ...process.argv.slice(2)],
      {
        stdio: 'inherit',
      },
    )
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
