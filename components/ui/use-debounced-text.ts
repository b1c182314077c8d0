'use client';

import { useEffect, useState } from 'react';

/**
 * A text box bound to a URL parameter: typing updates the box at once and the URL after a pause;
 * a URL change from elsewhere (back button, a link) shows in the box.
 */
export function useDebouncedText(urlValue: string | undefined, commit: (value: string | undefined) => void, delayMs = 350): [string, (value: string) => void] {
  const [text, setText] = useState(urlValue ?? '');
  const [seen, setSeen] = useState(urlValue);
  if (seen !== urlValue) {
    setSeen(urlValue);
    setText(urlValue ?? '');
  }
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === (urlValue ?? '')) return;
    const t = setTimeout(() => commit(trimmed || undefined), delayMs);
    return () => clearTimeout(t);
  }, [text, urlValue, commit, delayMs]);
  return [text, setText];
}
