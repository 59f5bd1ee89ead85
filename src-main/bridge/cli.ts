/** `npm run serve -- --data <folder> --port <n>`: browser mode on 127.0.0.1. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCore } from '../core/app'
import { startBridge } from './server'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, 'data') },
    port: { type: 'string', default: '5790' },
  },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效：${values.port}`)
  process.exit(2)
}
const appVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string
const core = createCore({ dataDir: resolve(values.data!), resourcesDir: join(root, 'resources'), appVersion })
const staticDir = join(root, 'out/renderer')
if (!existsSync(join(staticDir, 'index.html'))) console.warn('界面尚未构建（out/renderer），只提供 API。请先运行 npm run build。')
const server = await startBridge({ core, staticDir, port })
console.log(`现场评审（浏览器模式）已启动：${server.url}  数据目录：${resolve(values.data!)}`)

const stop = () => {
  server.close()
  core.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
