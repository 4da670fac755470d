import { useEffect, useState } from 'react';

const themeOf = () => document.documentElement.dataset['theme'] ?? '';

/**
 * The theme on `<html data-theme>` (set by app/theme.ts), followed as it changes. A chart paints a canvas with
 * colours read from the CSS variables once, so it must be drawn again when the theme changes.
 */
export function useDocumentTheme(): string {
  const [theme, setTheme] = useState(themeOf);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(themeOf()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/** The colours of the current theme: `colour('--muted')` is that variable's value now (a canvas takes no `var()`). */
export type Colour = (variable: string) => string;

export function themeColours(): Colour {
  const style = getComputedStyle(document.documentElement);
  return (variable) => style.getPropertyValue(variable).trim();
}
