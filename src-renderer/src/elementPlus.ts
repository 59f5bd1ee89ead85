/**
 * The Element Plus parts this app uses, registered globally, with only their CSS.
 * Installing the whole library put ~80 components and all of theme-chalk into the first chunk the home
 * page waits for. When a template starts using another `<el-…>`, add it below and its CSS to elementPlusStyles.ts
 * (tests/renderer/element-plus-registry.test.ts names any part missing from either).
 */
import { defineAsyncComponent } from 'vue'
import {
  ElAlert,
  ElAutocomplete,
  ElButton,
  ElCard,
  ElCheckbox,
  ElCheckboxGroup,
  ElContainer,
  ElDialog,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElHeader,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElLink,
  ElLoading,
  ElMain,
  ElMessage,
  ElMessageBox,
  ElOption,
  ElProgress,
  ElRadio,
  ElRadioButton,
  ElRadioGroup,
  ElResult,
  ElSelect,
  ElSwitch,
  ElTabPane,
  ElTable,
  ElTableColumn,
  ElTabs,
  ElTag,
  ElTooltip,
  makeInstaller,
} from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'

/** Every component registered here (their names are what the registry test checks templates against). */
export const REGISTERED_COMPONENTS = [
  ElAlert,
  ElAutocomplete,
  ElButton,
  ElCard,
  ElCheckbox,
  ElCheckboxGroup,
  ElContainer,
  ElDialog,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElHeader,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElLink,
  ElMain,
  ElOption,
  ElProgress,
  ElRadio,
  ElRadioButton,
  ElRadioGroup,
  ElResult,
  ElSelect,
  ElSwitch,
  ElTabPane,
  ElTable,
  ElTableColumn,
  ElTabs,
  ElTag,
  ElTooltip,
]

const installer = makeInstaller([...REGISTERED_COMPONENTS, ElLoading, ElMessage, ElMessageBox])

/** `app.use(elementPlus)`: the components above, v-loading, ElMessage/ElMessageBox with the app context, zh-CN texts. */
export const elementPlus = {
  install(app: Parameters<typeof installer.install>[0]) {
    installer.install(app, { locale: zhCn })
    // The date picker (its panels and dayjs, ~40 % of the components' code) is only in the meeting forms: load it there.
    app.component('ElDatePicker', defineAsyncComponent(() => import('./elementPlusDatePicker')))
  },
}
