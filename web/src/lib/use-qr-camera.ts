import jsQR from 'jsqr';
import { useEffect, useRef, useState, type RefObject } from 'react';

/** The browser's own barcode reader (Chromium on Android, macOS, ChromeOS); not in TypeScript's DOM types yet. */
interface BarcodeDetectorLike {
  detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]>;
}
type DetectorClass = {
  new (o: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
};

export type CameraState =
  | { state: 'starting' }
  | { state: 'on'; reader: 'native' | 'jsqr' }
  | { state: 'off'; reason: 'unsupported' | 'blocked' | 'none' | 'failed' };

const reasonOf = (err: unknown): 'blocked' | 'none' | 'failed' => {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'blocked';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  return 'failed';
};

/** The native reader when it reads QR codes here, else none (jsQR reads the frames). */
const nativeReader = async (): Promise<BarcodeDetectorLike | null> => {
  const Detector = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? [];
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
};

/**
 * The back camera in `video`, read for QR codes five times a second while `reading` holds: `BarcodeDetector` where
 * the browser has one for QR codes, otherwise jsQR over a frame drawn on a canvas. `onCode` gets each text read. The
 * stream stops when the component goes.
 */
export const useQrCamera = (
  video: RefObject<HTMLVideoElement | null>,
  reading: boolean,
  onCode: (text: string) => void,
) => {
  const [camera, setCamera] = useState<CameraState>({ state: 'starting' });
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const readingRef = useRef(reading);
  readingRef.current = reading;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    const canvas = document.createElement('canvas');
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera({ state: 'off', reason: 'unsupported' });
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
      } catch (err) {
        if (!stopped) setCamera({ state: 'off', reason: reasonOf(err) });
        return;
      }
      const v = video.current;
      if (stopped || !v) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      const native = await nativeReader();
      setCamera({ state: 'on', reader: native ? 'native' : 'jsqr' });
      const read = async (): Promise<string | null> => {
        if (v.readyState < 2 || !v.videoWidth) return null;
        if (native) return (await native.detect(v).catch(() => []))[0]?.rawValue ?? null;
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const g = canvas.getContext('2d', { willReadFrequently: true });
        if (!g) return null;
        g.drawImage(v, 0, 0);
        const frame = g.getImageData(0, 0, canvas.width, canvas.height);
        return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
      };
      const tick = async () => {
        if (stopped) return;
        if (readingRef.current) {
          const text = await read();
          if (text && !stopped && readingRef.current) onCodeRef.current(text);
        }
        if (!stopped) timer = window.setTimeout(() => void tick(), 200);
      };
      void tick();
    };
    void start();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [video]);
  return camera;
};
