import { ApiError } from '../../api/client';
import { catalog } from '../../api/catalog';
import { useAsync } from '../../lib/use-async';

/** The signed-in farmer's farm page, or null when they have not created their farm yet. */
export const useMyFarm = () =>
  useAsync('my-farm', () =>
    catalog.myFarm().catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  );
