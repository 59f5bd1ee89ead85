/** `npm run bench`: every figure the issues name, each beside a baseline measured in the same run. */
import { benchMeetingCreate } from './meeting-create.bench'
import { benchScoreSave } from './score-save.bench'
import { benchBridgeSave } from './bridge-save.bench'
import { benchUnitList } from './unit-list.bench'
import { benchResultsAndMinutes } from './results.bench'
import { benchScoreMatrix } from './score-matrix.bench'
import { benchUnitImport } from './unit-import.bench'
import { benchFirstScreen } from './first-screen.bench'
import { benchMaterialImport } from './material-import.bench'
import { benchMaterialSearch } from './material-search.bench'
import { benchMaterialViewer } from './material-viewer.bench'
import { benchReviewerDay } from './reviewer-day.bench'
import { benchMerge, benchPackageFiles } from './packages.bench'
import { printReport, type BenchResult } from './report'

const results: BenchResult[] = []
const step = async (label: string, run: () => BenchResult | BenchResult[] | Promise<BenchResult | BenchResult[]>) => {
  process.stdout.write(`… ${label}\n`)
  results.push(...[await run()].flat())
}

await step('meeting creation', benchMeetingCreate)
await step('score save', benchScoreSave)
await step('score save through the bridge (HTTP)', benchBridgeSave)
await step('unit list in Chromium', benchUnitList)
await step('results and minutes', benchResultsAndMinutes)
await step('score matrix .xlsx', benchScoreMatrix)
await step('unit list import, hostile workbooks', benchUnitImport)
await step('first screen in Chromium', benchFirstScreen)
await step('material import vs cp -r, peak RSS of one big scan', benchMaterialImport)
await step('material search, 10,000 pages', benchMaterialSearch)
await step('material viewer: 500-page PDF in Chromium', benchMaterialViewer)
await step("reviewer's workspace: keypress to saved, next unit with its material", benchReviewerDay)
await step('packages: distribution vs zip -0, open vs unzip, peak RSS', benchPackageFiles)
await step('packages: merging 40 return packages', benchMerge)
printReport(results)
