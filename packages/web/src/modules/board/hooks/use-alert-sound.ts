import { useCallback, useEffect, useRef, useState } from "react";

const STORAGE_KEY = "psp.boardSound";

/** An optional short tone for board alerts: off unless the user turns it on (remembered in this browser). */
export function useAlertSound() {
  const [enabled, setEnabled] = useState(() => localStorage.getItem(STORAGE_KEY) === "on");
  const context = useRef<AudioContext | null>(null);

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, enabled ? "on" : "off");
    // Browsers allow audio only after a user gesture: the toggle itself is one, so create the context here.
    if (enabled && !context.current && typeof AudioContext !== "undefined") context.current = new AudioContext();
  }, [enabled]);

  const play = useCallback(
    (kind: "arrived" | "overdue") => {
      const audio = context.current;
      if (!enabled || !audio) return;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = kind === "overdue" ? 440 : 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + (kind === "overdue" ? 0.6 : 0.25));
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.6);
    },
    [enabled],
  );

  return { enabled, setEnabled, play };
}
