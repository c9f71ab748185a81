import { useEffect, useState } from 'react';
import { catalog } from '../../api/catalog';
import { CATEGORIES, type Listing, type SearchFilters } from '../../api/types';
import { Checkbox, Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { enumText, parseAmount } from '../../lib/format';
import { navigate, useLocation } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { ListingCard } from './listing-card';
import { t, type MessageId } from '../../i18n';

const SORTS = [
  ['newest', 'browse.sort.newest'],
  ['freshness', 'browse.sort.freshness'],
  ['price', 'browse.sort.priceUp'],
  ['-price', 'browse.sort.priceDown'],
] as const satisfies readonly (readonly [string, MessageId])[];

/** Filters live in the address, so a filtered list can be shared and Back works. */
const filtersOf = (q: URLSearchParams): SearchFilters => {
  const maxPrice = q.get('maxPrice');
  return {
    ...(q.get('q') ? { q: q.get('q')! } : {}),
    ...(q.get('category') ? { category: q.get('category') as SearchFilters['category'] } : {}),
    ...(q.get('region') ? { region: q.get('region')! } : {}),
    ...(q.get('certified') === 'true' ? { certified: true } : {}),
    // sold-out produce leaves the grid unless the buyer asks to see it too
    ...(q.get('inStock') !== 'false' ? { inStock: true } : {}),
    ...(maxPrice && parseAmount(maxPrice) !== null ? { maxPrice: parseAmount(maxPrice)! } : {}),
    sort: (q.get('sort') as SearchFilters['sort']) ?? 'newest',
  };
};

export const BrowseScreen = () => {
  const { query } = useLocation();
  const key = query.toString();
  const filters = filtersOf(query);
  const [text, setText] = useState(query.get('q') ?? '');
  const [maxPrice, setMaxPrice] = useState(query.get('maxPrice') ?? '');
  // Only a new search in the address (Back, a shared link) replaces what is typed; another filter leaves it alone.
  const applied = query.get('q') ?? '';
  useEffect(() => setText(applied), [applied]);
  const maxPriceWrong =
    maxPrice.trim() === ''
      ? undefined
      : maxPrice.trim().startsWith('-')
        ? t('browse.priceNegative')
        : parseAmount(maxPrice) === null
          ? t('browse.priceWrong')
          : undefined;
  // On a phone the filters start folded so the produce is on the first screen; on a wide screen they are open.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 700px)').matches);
  const activeFilters = [filters.category, filters.region, filters.maxPrice, filters.certified].filter(
    (v) => v !== undefined,
  ).length;
  const results = useAsync(`search:${key}`, (signal) => catalog.search({ ...filters, limit: 24 }, signal));
  const regions = useAsync('regions', () =>
    catalog.farms().then((r) => [...new Set(r.items.map((f) => f.region))].sort()),
  );
  const [more, setMore] = useState<{ items: Listing[]; cursor: string | null; error?: unknown }>({
    items: [],
    cursor: null,
  });
  useEffect(() => setMore({ items: [], cursor: null }), [key]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    navigate(s ? `/?${s}` : '/', { replace: true });
  };

  const cursor = more.cursor ?? (results.status === 'ready' ? results.data.nextCursor : null);
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await catalog.search({ ...filters, limit: 24, cursor });
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ ...m, error }));
    }
  };

  return (
    <Page
      title={t('browse.title')}
      intro={t('browse.intro')}
    >
      <form
        className="filters card"
        role="search"
        aria-label={t('browse.filter')}
        onSubmit={(e) => {
          e.preventDefault();
          if (maxPriceWrong) return;
          update({ q: text.trim() || undefined, maxPrice: maxPrice.trim() || undefined });
        }}
      >
        <Field
          label={t('browse.search')}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('browse.searchPlaceholder')}
        />
        <details
          className="more-filters"
          open={filtersOpen}
          onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
        >
          <summary>{t('browse.moreFilters', { on: activeFilters })}</summary>
          <div className="filters-grid">
            <SelectField
              label={t('browse.category')}
              value={filters.category ?? ''}
              onChange={(e) => update({ category: e.target.value || undefined })}
            >
              <option value="">{t('browse.allCategories')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {enumText('category', c)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('browse.region')}
              value={filters.region ?? ''}
              onChange={(e) => update({ region: e.target.value || undefined })}
            >
              <option value="">{t('browse.allRegions')}</option>
              {(regions.status === 'ready' ? regions.data : []).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </SelectField>
            <Field
              label={t('browse.maxPrice', { symbol: '€' })}
              inputMode="decimal"
              value={maxPrice}
              onChange={(e) => setMaxPrice(e.target.value)}
              error={maxPriceWrong}
            />
            <SelectField
              label={t('browse.sortBy')}
              value={filters.sort}
              onChange={(e) => update({ sort: e.target.value === 'newest' ? undefined : e.target.value })}
            >
              {SORTS.map(([v, label]) => (
                <option key={v} value={v}>
                  {t(label)}
                </option>
              ))}
            </SelectField>
            <div className="filter-checks">
              <Checkbox
                label={t('browse.certifiedOnly')}
                checked={!!filters.certified}
                onChange={(e) => update({ certified: e.target.checked ? 'true' : undefined })}
              />
              <Checkbox
                label={t('browse.inStockOnly')}
                checked={!!filters.inStock}
                onChange={(e) => update({ inStock: e.target.checked ? undefined : 'false' })}
              />
            </div>
          </div>
        </details>
        <button type="submit" className="button">
          {t('browse.apply')}
        </button>
      </form>

      <Async state={results} what={t('browse.finding')}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>
              <p>{t('browse.none')}</p>
              {key ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => navigate('/', { replace: true })}
                >
                  {t('browse.clear')}
                </button>
              ) : null}
            </Empty>
          ) : (
            <>
              <p className="muted" role="status">
                {t('browse.shown', { n: page.items.length + more.items.length })}
              </p>
              <ul className="plain listing-grid" aria-label={t('browse.produce')}>
                {[...page.items, ...more.items].map((l) => (
                  <ListingCard key={l.id} listing={l} />
                ))}
              </ul>
              {more.error ? <ErrorMessage error={more.error} /> : null}
              {cursor ? (
                <button type="button" className="button secondary" onClick={() => void loadMore()}>
                  {t('action.showMore')}
                </button>
              ) : null}
            </>
          )
        }
      </Async>
    </Page>
  );
};
