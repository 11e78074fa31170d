// The theme choice is a cookie so the server renders the first HTML in it (see ThemeCookie.cs).
export function rememberTheme(dark) {
    document.cookie = `marketblazor-theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
    showTheme(dark);
}

export function showTheme(dark) {
    document.documentElement.dataset.theme = dark ? "dark" : "light";
}

export function systemPrefersDark() {
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
}
