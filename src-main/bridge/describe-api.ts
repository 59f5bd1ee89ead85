import { z } from 'zod'
import { contract, operationNames, type OperationDef } from '../shared/contract'
import { hostContract, hostOperationNames } from '../shared/host-contract'

const describe = (name: string, def: OperationDef, desktopOnly: boolean) => ({
  name,
  summary: def.summary,
  desktopOnly,
  input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
  output: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }),
})

/** GET /api: the API documents itself from the contracts (the host's operations marked desktop-only). */
export function describeApi() {
  return {
    name: '现场评审 API',
    usage: 'POST /api/<operation> with a JSON body; the answer is { ok: true, data } or { ok: false, error: { code, message } }',
    routes: [
      {
        method: 'POST',
        path: '/upload',
        summary:
          '上传一个材料文件（浏览器模式）：请求体即文件内容（content-type: application/octet-stream，流式写入，单个文件上限 4 GB，超过答 413），请求头 x-file-name 为 encodeURIComponent 后的文件名（可带文件夹，如 台账/报告.pdf）；答 { ok: true, data: { uploadId, name, size } }，再以 { type: "upload", uploadId } 作为 materials.preview / import / batchPlan / batchImport 的来源。上传的文件被导入后删除，程序重启时清理未导入的',
      },
      {
        method: 'GET',
        path: '/material/<id>',
        summary: '一份材料的内容（按材料编号，不接受路径）：正确的 Content-Type、nosniff，支持单个字节范围（Range）请求',
      },
    ],
    operations: [
      ...operationNames.map((name) => describe(name, contract[name], false)),
      ...hostOperationNames.map((name) => describe(name, hostContract[name], true)),
    ],
  }
}
