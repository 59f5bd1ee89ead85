/**
 * The Element Plus parts this app uses, registered globally, with only their CSS.
 * Installing the whole library put ~80 components and all of theme-chalk into the first chunk the home
 * page waits for. When a template starts using another `<el-…>`, add it below and its CSS to elementPlusStyles.ts
 * (tests/renderer/element-plus-registry.test.ts names any part missing from either).
 */
import { defineAsyncComponent } from 'vue'
import { ElAlert, ElButton, ElCard, ElContainer, ElEmpty, ElHeader, ElIcon, ElLink, ElLoading, ElMain, ElMessage, ElMessageBox, ElResult, ElTag, makeInstaller } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import type * as Later from './elementPlusLater'

/** What the shell and the home page's first paint show: in the first chunk. */
const FIRST_SCREEN = [ElAlert, ElButton, ElCard, ElContainer, ElEmpty, ElHeader, ElIcon, ElLink, ElMain, ElResult, ElTag]

/**
 * Forms, tables, selects, tabs, dialogs…: registered as async components from one chunk of their own
 * (elementPlusLater.ts), fetched the first time any of them is shown. In the first chunk they made the
 * home page wait for ~120 KB more before 新建会议 could be clicked (first-screen bench).
 */
const LATER: (keyof typeof Later)[] = [
  'ElAutocomplete',
  'ElCheckbox',
  'ElCheckboxGroup',
  'ElDialog',
  'ElForm',
  'ElFormItem',
  'ElInput',
  'ElInputNumber',
  'ElOption',
  'ElProgress',
  'ElRadio',
  'ElRadioButton',
  'ElRadioGroup',
  'ElSelect',
  'ElSwitch',
  'ElTabPane',
  'ElTable',
  'ElTableColumn',
  'ElTabs',
  'ElTooltip',
]

const installer = makeInstaller([...FIRST_SCREEN, ElLoading, ElMessage, ElMessageBox])

/** `app.use(elementPlus)`: the components above, v-loading, ElMessage/ElMessageBox with the app context, zh-CN texts. */
export const elementPlus = {
  install(app: Parameters<typeof installer.install>[0]) {
    installer.install(app, { locale: zhCn })
    for (const name of LATER) app.component(name, defineAsyncComponent(() => import('./elementPlusLater').then((parts) => parts[name])))
    // The date picker (its panels and dayjs, ~40 % of the components' code) is only in the meeting forms: load it there.
    app.component('ElDatePicker', defineAsyncComponent(() => import('./elementPlusDatePicker')))
  },
}
