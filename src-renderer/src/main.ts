import './zod-jitless'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { elementPlus } from './elementPlus'
import './elementPlusStyles'
import './styles.css'
import App from './App.vue'
import { router } from './router'

createApp(App).use(createPinia()).use(router).use(elementPlus).mount('#app')
