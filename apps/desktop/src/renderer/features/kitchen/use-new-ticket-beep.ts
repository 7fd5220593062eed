import { useEffect, useRef } from 'react';

/** A short two-tone beep through WebAudio (no sound file to ship); silent where audio is missing. */
export function beep(): void {
  const Context = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Context) return;
  try {
    const audio = new Context();
    const gain = audio.createGain();
    gain.gain.value = 0.2;
    gain.connect(audio.destination);
    [880, 1320].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(audio.currentTime + i * 0.15);
      tone.stop(audio.currentTime + i * 0.15 + 0.12);
    });
    setTimeout(() => void audio.close().catch(() => undefined), 1000);
  } catch {
    // A screen without an audio device still shows the ticket.
  }
}

/** Beeps when a ticket key appears that was not on screen before (not for the first list). */
export function useNewTicketBeep(keys: readonly string[], sound: () => void = beep): void {
  const seen = useRef<Set<string> | null>(null);
  const signature = keys.join('\n');
  useEffect(() => {
    const now = signature === '' ? [] : signature.split('\n');
    const before = seen.current;
    seen.current = new Set(now);
    if (before && now.some((k) => !before.has(k))) sound();
  }, [signature, sound]);
}
