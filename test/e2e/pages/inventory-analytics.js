// A gated analytics script (data-candor-purpose="analytics") that sets its cookies once it runs.
document.cookie = '_ea=1; Path=/; SameSite=Lax';
document.cookie = '_ea_id=2; Path=/; SameSite=Lax';
window.__analyticsRan = true;
