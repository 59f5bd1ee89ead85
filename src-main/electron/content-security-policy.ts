// One policy for the app:// protocol and the browser-mode bridge: it lives in shared/.
export { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy'
