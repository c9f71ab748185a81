import { useState } from 'react';

/**
 * What the user does that calls the API (a click, a submit): busy while it runs, and the error it ended with, for
 * the form to show. `run` resolves true when the action succeeded, false when it failed.
 */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
};
