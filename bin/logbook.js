#!/usr/bin/env node
// The `logbook` command: runs the TypeScript CLI through tsx, so it is always the checkout's code.
import { register } from 'tsx/esm/api'

register()
await import('../electron/cli/main.ts')
