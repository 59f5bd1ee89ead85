/** ElDatePicker with its CSS, in a chunk of its own (elementPlus.ts registers it as an async component). */
import { ElDatePicker } from 'element-plus'
import 'element-plus/es/components/date-picker/style/css'

export default ElDatePicker
