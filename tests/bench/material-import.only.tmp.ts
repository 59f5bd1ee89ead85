import { benchMaterialImport } from './material-import.bench'
import { printReport } from './report'
printReport(await benchMaterialImport())
