// `npm start`: build, then open the desktop app. Electron downloads its binary on first run;
// where that cannot happen (no internet), start the browser mode instead, on the same database,
// and say so.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const electronDir = join(import.meta.dirname, '..', 'node_modules', 'electron')

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(binary) ? binary : null
}

function downloadElectron() {
  console.log('Logbook: downloading the Electron binary (once)…')
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 300_000,
  })
  if (result.status === 0) return electronBinary()
  const reason =
    `${result.stderr ?? ''}`.split('\n').find((line) => line.trim()) ?? 'no reason given'
  console.error(`Logbook: the Electron binary could not be downloaded (${reason.trim()}).`)
  return null
}

const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const binary = electronBinary() ?? downloadElectron()
if (!binary)
  console.error('Logbook: starting the browser mode instead; open the address below in a browser.')

const child = binary
  ? spawn(binary, ['.'], { stdio: 'inherit' })
  : spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', 'serve', ...process.argv.slice(2)],
      {
        stdio: 'inherit',
      },
    )
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
