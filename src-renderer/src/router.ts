import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router'
import { ElMessage } from 'element-plus'
import { useAccessStore } from './stores/access'
import { reviewerRedirect } from './access/accessRoute'

// Hash history: works the same under app:// (Electron) and http://127.0.0.1 (browser mode).
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: () => import('./views/HomeView.vue') },
    { path: '/help', name: 'help', component: () => import('./views/HelpView.vue') },
    // One material on the whole page (?page=, ?q= a search hit to mark): linked from the materials list and search.
    {
      path: '/meetings/:meetingId/materials/:materialId',
      name: 'material-read',
      component: () => import('./views/materials/MaterialReadView.vue'),
      props: true,
    },
    // Reviewer mode (以评委身份进入): the reviewer's whole screen, materials beside the sheet; no meeting tabs.
    {
      path: '/meetings/:meetingId/review/:reviewerId',
      name: 'review',
      component: () => import('./views/review/ReviewerWorkspaceView.vue'),
      props: true,
    },
    // The projector screen (a second window in the desktop app, a separate tab in browser mode).
    { path: '/projector/:meetingId', name: 'projector', component: () => import('./views/projector/ProjectorView.vue'), props: true },
    {
      path: '/meetings/:meetingId',
      component: () => import('./views/MeetingLayout.vue'),
      props: true,
      children: [
        { path: '', redirect: (to) => `/meetings/${to.params.meetingId}/info` },
        { path: 'info', name: 'meeting-info', component: () => import('./views/setup/MeetingInfoView.vue'), props: true },
        { path: 'rubric', name: 'rubric', component: () => import('./views/setup/RubricView.vue'), props: true },
        { path: 'units', name: 'units', component: () => import('./views/setup/UnitsView.vue'), props: true },
        { path: 'reviewers', name: 'reviewers', component: () => import('./views/setup/ReviewersView.vue'), props: true },
        { path: 'rules', name: 'rules', component: () => import('./views/setup/RulesView.vue'), props: true },
        { path: 'materials', name: 'materials', component: () => import('./views/materials/MaterialsView.vue'), props: true },
        { path: 'scoring', name: 'scoring', component: () => import('./views/scoring/ScoringView.vue'), props: true },
        { path: 'results', name: 'results', component: () => import('./views/results/ResultsView.vue'), props: true },
        { path: 'history', name: 'history', component: () => import('./views/history/HistoryView.vue'), props: true },
        { path: 'packages', name: 'packages', component: () => import('./views/packages/PackagesView.vue'), props: true },
        { path: 'onday', name: 'onday', component: () => import('./views/onday/OnDayView.vue'), props: true },
        { path: 'notes', name: 'notes', component: () => import('./views/minutes/NotesView.vue'), props: true },
        { path: 'minutes', name: 'minutes', component: () => import('./views/minutes/MinutesView.vue'), props: true },
      ],
    },
    // Anything else (a mistyped or outdated link) gets a page with the ways back, never a blank screen.
    { path: '/:unknown(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
  ],
})

/**
 * Reviewer mode: the reviewer's own workspace and 帮助, nothing else (the core refuses the rest too;
 * this only keeps the screens honest). Re-reads the mode before each navigation.
 */
router.beforeEach(async (to, from) => {
  const access = useAccessStore()
  // A change of query only (next unit, a page in a material) stays on a route already allowed.
  if (access.state && to.path === from.path) return true
  // The page's code is fetched while the mode is read, not after it (the first screen waited for both in turn).
  fetchRouteCode(to)
  try {
    await access.load()
  } catch {
    // The core is unreachable: the page will say so; keep the last known mode.
  }
  const redirect = reviewerRedirect(access.state, to)
  if (!redirect) return true
  // A start-up or reload lands on the workspace quietly; a step elsewhere says why it went back.
  if (from.matched.length > 0) ElMessage.warning(`评委模式（${access.reviewer!.reviewerName}）下只能使用本人的评分工作台；退出评委模式须会务组 PIN`)
  return redirect
})

/** Starts loading the lazily imported views of `to` (every route here is one); the router's own load then finds them fetched. */
function fetchRouteCode(to: RouteLocationNormalized): void {
  for (const record of to.matched)
    for (const view of Object.values(record.components ?? {})) if (typeof view === 'function') void (view as () => Promise<unknown>)().catch(() => undefined)
}
