import { useEffect, useState } from 'react';

function readHash(prefix: string): string | null {
  const { hash } = window.location;
  return hash.startsWith(`#${prefix}`) ? decodeURIComponent(hash.slice(prefix.length + 1)) : null;
}

/** The id in `#<prefix><id>` (the tray opens a finding that way), following hash changes. */
export function useHashTarget(prefix: string): string | null {
  const [target, setTarget] = useState<string | null>(() => readHash(prefix));
  useEffect(() => {
    const onChange = () => setTarget(readHash(prefix));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [prefix]);
  return target;
}
