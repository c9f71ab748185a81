import { useState } from 'react';
import { catalog } from '../../api/catalog';
import { fieldErrors } from '../../api/client';
import type { Listing } from '../../api/types';
import { Form, SubmitButton } from '../../components/form';
import { Page } from '../../components/page';
import { Async, Empty, ErrorMessage } from '../../components/states';
import { Link, navigate } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { fromListing, missingOf, toInput, type FormState } from './listing-form-state';
import { ColdChainFields, ListingPanels, LotFields, ProduceFields } from './listing-form-sections';
import { useMyFarm } from './use-my-farm';
import { t } from '../../i18n';

/**
 * A listing, new or to edit: the form (produce, lot, cold chain) and, for one that exists, its status, photo and
 * stock beside it.
 */
const ListingForm = ({ farmId, listing }: { farmId: string; listing?: Listing }) => {
  const [f, setF] = useState<FormState>(() => fromListing(listing));
  const [current, setCurrent] = useState(listing);
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const set = (k: keyof FormState) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    setSaved(false);
  };
  const missing = missingOf(f, !current);
  const errs = fieldErrors(error);
  const section = { f, set, errs };

  const submit = () =>
    run(async () => {
      const input = toInput(f);
      if (current) {
        const { available: _available, ...patch } = input;
        setCurrent(await catalog.updateListing(current.id, patch));
        setSaved(true);
      } else {
        const created = await catalog.createListing(farmId, input);
        navigate(`/farmer/listings/${created.id}`, { replace: true });
      }
    });

  return (
    <div className="grid two">
      <Form
        className="stack card"
        aria-label={current ? t('listingForm.edit') : t('farmer.newListing')}
        onSubmit={() => {
          void submit();
        }}
      >
        <ProduceFields creating={!current} {...section} />
        <LotFields {...section} />
        <ColdChainFields {...section} />
        {error ? <ErrorMessage error={error} shown={Object.keys(errs)} /> : null}
        <p role="status" className="ok-text">
          {saved ? t('profile.saved') : ''}
        </p>
        {missing.length ? (
          <p id="listing-submit-why" className="muted small">
            To {current ? 'save' : 'create the listing'}, add {missing.join(', ')}.
          </p>
        ) : null}
        <SubmitButton
          busy={busy}
          disabled={missing.length > 0}
          aria-describedby={missing.length ? 'listing-submit-why' : undefined}
        >
          {current ? t('listingForm.save') : t('listingForm.create')}
        </SubmitButton>
      </Form>
      {current ? (
        <ListingPanels
          listing={current}
          onChange={setCurrent}
          onPhoto={(next) => {
            setCurrent(next);
            setF((cur) => ({ ...cur, photo: next.photos[0] ?? cur.photo }));
          }}
        />
      ) : null}
    </div>
  );
};

export const ListingFormScreen = ({ listingId }: { listingId?: string }) => {
  const state = useMyFarm();
  return (
    <Async state={state} what={t('farmer.loading')} page={t('listingForm.page')}>
      {(page) => {
        if (!page)
          return (
            <Page title={t('farmer.newListing')}>
              <Empty>
                <p>{t('listingForm.farmFirst')}</p>
                <Link className="button" to="/farmer">
                  {t('farmForm.create')}
                </Link>
              </Empty>
            </Page>
          );
        const listing = listingId ? page.listings.find((l) => l.id === listingId) : undefined;
        if (listingId && !listing)
          return (
            <Page title={t('listingForm.notFound')}>
              <p>
                {t('listingForm.notYours')} <Link to="/farmer">{t('listingForm.back')}</Link>
              </p>
            </Page>
          );
        return (
          <Page
            title={listing ? t('listingForm.editTitle', { title: listing.title }) : t('farmer.newListing')}
            actions={<Link to="/farmer">{t('listingForm.back')}</Link>}
          >
            <ListingForm key={listing?.id ?? 'new'} farmId={page.farm.id} {...(listing ? { listing } : {})} />
          </Page>
        );
      }}
    </Async>
  );
};
