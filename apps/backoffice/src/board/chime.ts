let audio: AudioContext | null = null;

/**
 * A two-note chime made with WebAudio (no sound file to serve). `silent` only creates and resumes
 * the context, from a user gesture, so later chimes are allowed to play.
 */
export function playChime(silent = false): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    if (silent) return;
    const start = audio.currentTime;
    [880, 1320].forEach((frequency, i) => {
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = frequency;
      const at = start + i * 0.25;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
      osc.connect(gain).connect(audio!.destination);
      osc.start(at);
      osc.stop(at + 0.65);
    });
  } catch {
    // No audio device: the highlight still shows the number.
  }
}
