import type { Listing } from '../../api/types';
import { useSession } from '../../auth/session';
import { Photo, Price, StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Async, Empty, Loading } from '../../components/states';
import { useAsync } from '../../lib/use-async';
import { enumText, unitLabel } from '../../lib/format';
import { Link } from '../../lib/router';
import { Certifications, FarmFacts } from '../../components/farm-facts';
import { FarmForm } from './farm-form';
import { FarmPhotoUpload } from './farm-photo-upload';
import { ListingsCsvLinks } from './listings-import';
import { StatusActions } from './status-actions';
import { useMyFarm } from './use-my-farm';
import { onboarding } from '../../api/onboarding';
import { InviteForm } from '../onboarding/invite-form';
import { PayoutCard } from './payout-card';
import { t, tx } from '../../i18n';

/** Whether the signed-in person owns this farm (an owner changes listings, prices and the farm; a packer packs). */
export const useOwns = () => {
  const { session } = useSession();
  return (farmId: string | undefined) =>
    Boolean(
      session &&
      (session.user.roles.includes('admin') ||
        session.user.memberships.some(
          (m) => m.kind === 'farm' && m.role === 'owner' && (farmId === undefined || m.farmId === farmId),
        )),
    );
};

const ListingRow = ({
  listing,
  onChange,
  owner,
}: {
  listing: Listing;
  onChange: (l: Listing) => void;
  owner: boolean;
}) => (
  <li className="card farmer-listing">
    <Photo src={listing.photos[0]} alt="" className="thumb" />
    <div className="farmer-listing-main">
      <h3>
        <Link to={`/farmer/listings/${listing.id}`}>{listing.title}</Link>{' '}
        <StatusBadge status={listing.status} />
      </h3>
      <p className="muted small">
        <Price money={listing.unitPrice} /> {unitLabel(listing.unit)} · {t('order.lot')} <code>{listing.lot.lotCode}</code>
      </p>
      <p className="small">
        {tx('farmer.stock', {
          available: <strong key="a">{listing.stock?.available ?? listing.available}</strong>,
          reserved: listing.stock?.reserved ?? 0,
          sold: listing.stock?.sold ?? 0,
          unit: enumText('unitName', listing.unit),
        })}
      </p>
    </div>
    {owner ? (
      <div className="farmer-listing-actions">
        <Link
          className="button small secondary"
          to={`/farmer/listings/${listing.id}`}
          aria-label={t('farmer.editAria', { title: listing.title })}
        >
          {t('farmer.edit')}
        </Link>
        <StatusActions listing={listing} onChange={onChange} />
      </div>
    ) : null}
  </li>
);

/** A farm not opened yet: the form starts from what its approved application said (name, region, description). */
const NewFarmForm = ({ onSaved }: { onSaved: () => void }) => {
  const approved = useAsync('approved-farm-application', async () => {
    const mine = await onboarding.mine().catch(() => ({ items: [] }));
    return mine.items.find((a) => a.kind === 'farm' && a.state === 'approved')?.farm ?? null;
  });
  if (approved.status === 'loading') return <Loading what={t('farmer.loadingApplication')} />;
  const draft = approved.status === 'ready' ? approved.data : null;
  return <FarmForm {...(draft ? { draft } : {})} onSaved={onSaved} />;
};

export const FarmerHomeScreen = () => {
  const state = useMyFarm();
  const owns = useOwns();
  return (
    <Async state={state} what={t('farmer.loading')} page={t('farmer.yourFarm')}>
      {(page) =>
        page === null ? (
          owns(undefined) ? (
            <Page title={t('farmer.yourFarm')} intro={t('farmer.startIntro')}>
              <NewFarmForm onSaved={() => state.reload()} />
            </Page>
          ) : (
            <Page title={t('farmer.yourFarm')}>
              <p>{t('farmer.notOpened')}</p>
            </Page>
          )
        ) : (
          <Page
            title={page.farm.name}
            intro={page.farm.description || undefined}
            actions={
              owns(page.farm.id) ? (
                <Link className="button" to="/farmer/listings/new">
                  {t('farmer.newListing')}
                </Link>
              ) : undefined
            }
          >
            {owns(page.farm.id) ? null : (
              <div className="state state-info" role="note">
                <p>{t('farmer.packerNote')}</p>
              </div>
            )}
            <div className="grid two">
              <section className="card" aria-labelledby="farm-h">
                <h2 id="farm-h">{t('listing.farm')}</h2>
                <FarmFacts farm={page.farm} />
                <p>
                  <Link to={`/farms/${page.farm.id}`}>{t('farmer.publicPage')}</Link>
                </p>
                {owns(page.farm.id) ? (
                  <details>
                    <summary>{t('farmer.editProfile')}</summary>
                    <FarmForm farm={page.farm} onSaved={(farm) => state.set({ ...page, farm })} />
                  </details>
                ) : null}
              </section>
              <section className="card" aria-labelledby="certs-h">
                <h2 id="certs-h">{t('farm.certifications')}</h2>
                <Certifications farm={page.farm} />
              </section>
              <FarmPhotoUpload farm={page.farm} onChange={(farm) => state.set({ ...page, farm })} />
              {owns(page.farm.id) ? <PayoutCard farm={page.farm} /> : null}
              {owns(page.farm.id) ? (
                <InviteForm
                  title={t('farmer.invitePacker')}
                  what="packer"
                  send={(email) => onboarding.invitePacker(page.farm.id, email)}
                />
              ) : null}
            </div>
            <h2>{t('farmer.listings')}</h2>
            <ListingsCsvLinks farmId={page.farm.id} owner={owns(page.farm.id)} />
            {page.listings.length === 0 ? (
              <Empty>
                <p>{t('farmer.noListings')}</p>
                {owns(page.farm.id) ? (
                  <Link className="button" to="/farmer/listings/new">
                    {t('farmer.firstListing')}
                  </Link>
                ) : null}
              </Empty>
            ) : (
              <ul className="plain stack" aria-label={t('farmer.yourListings')}>
                {page.listings
                  .filter((l) => l.status !== 'archived')
                  .map((l) => (
                    <ListingRow
                      key={l.id}
                      listing={l}
                      owner={owns(page.farm.id)}
                      onChange={(next) =>
                        state.set({
                          ...page,
                          listings: page.listings.map((x) => (x.id === next.id ? next : x)),
                        })
                      }
                    />
                  ))}
              </ul>
            )}
          </Page>
        )
      }
    </Async>
  );
};
