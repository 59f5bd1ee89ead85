// A worker for the pool tests: answers each call with its thread's id, after waiting `ms` (a long extraction).
import { threadId } from 'node:worker_threads'
import { serveCalls } from '../../../src-main/core/jobs/worker-service'

serveCalls<{ ms: number }, number>(async ({ ms }) => {
  await new Promise((resolve) => setTimeout(resolve, ms))
  return threadId
})
