import { useEffect, useState } from 'react';

/**
 * The width an element is laid out at, measured (and again when it changes), kept between `min` and `max`: drawings
 * are made 1:1 at it, so their text stays the size it is written in, on a phone as on a desktop. Pass `ref` as the
 * element's ref.
 */
export const useWidth = (initial: number, min: number, max: number) => {
  const [el, setEl] = useState<Element | null>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    if (!el) return;
    const seen = new ResizeObserver(([e]) => {
      const w = Math.round(e?.contentRect.width ?? 0);
      if (w > 0) setWidth(Math.min(max, Math.max(min, w)));
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [el, min, max]);
  return { ref: setEl, width };
};
