import { useEffect, useState } from 'react';
import { catalog } from '../../api/catalog';
import { CATEGORIES, type Listing, type SearchFilters } from '../../api/types';
import { Checkbox, Field, SelectField } from '../../components/field';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { humanize, parseAmount } from '../../lib/format';
import { navigate, useLocation } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { ListingCard } from './listing-card';

const SORTS = [
  ['newest', 'Newest'],
  ['freshness', 'Freshest harvest'],
  ['price', 'Price: low to high'],
  ['-price', 'Price: high to low'],
] as const;

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
        ? 'A price cannot be negative: enter 0 or more, such as 3.50.'
        : parseAmount(maxPrice) === null
          ? 'Enter an amount in euros, such as 3.50.'
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
      title="Fresh from the farm"
      intro="Produce listed by the farmers themselves, with the lot and harvest date of every crate."
    >
      <form
        className="filters card"
        role="search"
        aria-label="Filter produce"
        onSubmit={(e) => {
          e.preventDefault();
          if (maxPriceWrong) return;
          update({ q: text.trim() || undefined, maxPrice: maxPrice.trim() || undefined });
        }}
      >
        <Field
          label="Search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="carrots, eggs, honey…"
        />
        <details
          className="more-filters"
          open={filtersOpen}
          onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
        >
          <summary>More filters{activeFilters ? ` (${activeFilters} on)` : ''}</summary>
          <div className="filters-grid">
            <SelectField
              label="Category"
              value={filters.category ?? ''}
              onChange={(e) => update({ category: e.target.value || undefined })}
            >
              <option value="">All categories</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Region"
              value={filters.region ?? ''}
              onChange={(e) => update({ region: e.target.value || undefined })}
            >
              <option value="">All regions</option>
              {(regions.status === 'ready' ? regions.data : []).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </SelectField>
            <Field
              label="Max price (€)"
              inputMode="decimal"
              value={maxPrice}
              onChange={(e) => setMaxPrice(e.target.value)}
              error={maxPriceWrong}
            />
            <SelectField
              label="Sort by"
              value={filters.sort}
              onChange={(e) => update({ sort: e.target.value === 'newest' ? undefined : e.target.value })}
            >
              {SORTS.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </SelectField>
            <div className="filter-checks">
              <Checkbox
                label="Certified farms only"
                checked={!!filters.certified}
                onChange={(e) => update({ certified: e.target.checked ? 'true' : undefined })}
              />
              <Checkbox
                label="In stock only"
                checked={!!filters.inStock}
                onChange={(e) => update({ inStock: e.target.checked ? undefined : 'false' })}
              />
            </div>
          </div>
        </details>
        <button type="submit" className="button">
          Apply
        </button>
      </form>

      <Async state={results} what="Finding produce">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>
              <p>No produce matches these filters.</p>
              {key ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => navigate('/', { replace: true })}
                >
                  Clear filters
                </button>
              ) : null}
            </Empty>
          ) : (
            <>
              <p className="muted" role="status">
                {page.items.length + more.items.length}{' '}
                {page.items.length + more.items.length === 1 ? 'listing' : 'listings'} shown
              </p>
              <ul className="plain listing-grid" aria-label="Produce">
                {[...page.items, ...more.items].map((l) => (
                  <ListingCard key={l.id} listing={l} />
                ))}
              </ul>
              {more.error ? <ErrorMessage error={more.error} /> : null}
              {cursor ? (
                <button type="button" className="button secondary" onClick={() => void loadMore()}>
                  Show more
                </button>
              ) : null}
            </>
          )
        }
      </Async>
    </Page>
  );
};
