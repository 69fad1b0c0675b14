// The site's own session cookie (strictly necessary; the config justifies it).
document.cookie = 'sid=abc; Path=/; SameSite=Lax';
