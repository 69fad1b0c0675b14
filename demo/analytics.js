// The fictional vendor's product analytics: runs only once "Product analytics" is granted
// (it is a gated script: <script type="text/plain" data-candor-purpose="analytics">).
window.larkspurAnalytics = { startedAt: new Date().toISOString() };
const badge = document.getElementById('analytics-status');
if (badge) badge.textContent = 'Product analytics: running (the gated script was released)';
document.cookie = '_lk_an=demo; Path=/; SameSite=Lax';
