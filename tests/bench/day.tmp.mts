import { benchReviewerDay } from './reviewer-day.bench'
import { benchBridgeSave } from './bridge-save.bench'
import { printReport } from './report'
printReport([...(await benchReviewerDay()), ...(await benchBridgeSave())])
