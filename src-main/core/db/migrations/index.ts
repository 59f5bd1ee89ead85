import { sql as initial } from './001-initial'
import { sql as minutes } from './002-minutes'
import { sql as scoreSheetIndex } from './003-score-sheet-index'
import { sql as unitOpinions } from './004-unit-opinions'
import { sql as unitWithdrawal } from './005-unit-withdrawal'
import { sql as materials } from './006-materials'
import { sql as historyChain } from './007-history-chain'
import { sql as sheetSubmissions } from './008-sheet-submissions'
import { sql as materialPageTails } from './009-material-page-tails'
import { sql as reviewerAccess } from './010-reviewer-access'
import { sql as annotations } from './011-annotations'
import { sql as commentPhrases } from './012-comment-phrases'
import { sql as lotsProjector } from './013-lots-projector'
import { sql as packages } from './014-packages'
import { sql as sheetMergeBases } from './015-sheet-merge-bases'
import { sql as leanScores } from './016-lean-scores'

export interface Migration {
  /** The `user_version` the database has after this step. */
  version: number
  name: string
  sql: string
}

/** Ordered; append new steps, never edit a released one. */
export const migrations: Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'minutes', sql: minutes },
  { version: 3, name: 'score sheet index', sql: scoreSheetIndex },
  { version: 4, name: 'unit opinions', sql: unitOpinions },
  { version: 5, name: 'unit withdrawal', sql: unitWithdrawal },
  { version: 6, name: 'materials', sql: materials },
  { version: 7, name: 'history chain', sql: historyChain },
  { version: 8, name: 'sheet submissions', sql: sheetSubmissions },
  { version: 9, name: 'material page tails', sql: materialPageTails },
  { version: 10, name: 'reviewer access', sql: reviewerAccess },
  { version: 11, name: 'annotations', sql: annotations },
  { version: 12, name: 'comment phrases', sql: commentPhrases },
  { version: 13, name: 'lots and projector', sql: lotsProjector },
  { version: 14, name: 'packages', sql: packages },
  { version: 15, name: 'sheet merge bases', sql: sheetMergeBases },
  { version: 16, name: 'lean scores', sql: leanScores },
]

export const LATEST_VERSION = migrations[migrations.length - 1].version
