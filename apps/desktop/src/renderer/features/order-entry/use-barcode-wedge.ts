import { useEffect, useRef } from 'react';

/** Scanners type a code much faster than people: keys closer than this belong to one scan. */
const MAX_GAP_MS = 40;
const MIN_LENGTH = 4;

/**
 * Listens for keyboard-wedge barcode scans typed while no text field has focus (a focused field,
 * like the search box, receives the scan itself and submits it on Enter).
 */
export function useBarcodeWedge(onScan: (code: string) => void, enabled = true): void {
  const buffer = useRef('');
  const last = useRef(0);
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const now = e.timeStamp || performance.now();
      if (now - last.current > MAX_GAP_MS) buffer.current = '';
      last.current = now;
      if (e.key === 'Enter') {
        if (buffer.current.length >= MIN_LENGTH) {
          e.preventDefault();
          handler.current(buffer.current);
        }
        buffer.current = '';
      } else if (e.key.length === 1) {
        buffer.current += e.key;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
