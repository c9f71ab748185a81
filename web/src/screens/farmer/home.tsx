import type { Listing } from '../../api/types';
import { useSession } from '../../auth/session';
import { Photo, Price, StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Async, Empty, Loading } from '../../components/states';
import { useAsync } from '../../lib/use-async';
import { unitLabel } from '../../lib/format';
import { Link } from '../../lib/router';
import { Certifications, FarmFacts } from '../../components/farm-facts';
import { FarmForm } from './farm-form';
import { FarmPhotoUpload } from './farm-photo-upload';
import { StatusActions } from './status-actions';
import { useMyFarm } from './use-my-farm';
import { onboarding } from '../../api/onboarding';
import { InviteForm } from '../onboarding/invite-form';
import { PayoutCard } from './payout-card';

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
        <Price money={listing.unitPrice} /> {unitLabel(listing.unit)} · lot <code>{listing.lot.lotCode}</code>
      </p>
      <p className="small">
        Stock: <strong>{listing.stock?.available ?? listing.available}</strong> available ·{' '}
        {listing.stock?.reserved ?? 0} reserved · {listing.stock?.sold ?? 0} sold ({listing.unit})
      </p>
    </div>
    {owner ? (
      <div className="farmer-listing-actions">
        <Link
          className="button small secondary"
          to={`/farmer/listings/${listing.id}`}
          aria-label={`Edit ${listing.title}`}
        >
          Edit
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
  if (approved.status === 'loading') return <Loading what="Loading your application" />;
  const draft = approved.status === 'ready' ? approved.data : null;
  return <FarmForm {...(draft ? { draft } : {})} onSaved={onSaved} />;
};

export const FarmerHomeScreen = () => {
  const state = useMyFarm();
  const owns = useOwns();
  return (
    <Async state={state} what="Loading your farm" page="Your farm">
      {(page) =>
        page === null ? (
          owns(undefined) ? (
            <Page title="Your farm" intro="Start by describing your farm: buyers see it on every listing.">
              <NewFarmForm onSaved={() => state.reload()} />
            </Page>
          ) : (
            <Page title="Your farm">
              <p>The farm you pack for has not opened its page yet: its owner does that.</p>
            </Page>
          )
        ) : (
          <Page
            title={page.farm.name}
            intro={page.farm.description || undefined}
            actions={
              owns(page.farm.id) ? (
                <Link className="button" to="/farmer/listings/new">
                  New listing
                </Link>
              ) : undefined
            }
          >
            {owns(page.farm.id) ? null : (
              <div className="state state-info" role="note">
                <p>
                  You pack for this farm: you see its listings and its orders to pack. Listings, prices, stock
                  and payouts are its owners&rsquo;.
                </p>
              </div>
            )}
            <div className="grid two">
              <section className="card" aria-labelledby="farm-h">
                <h2 id="farm-h">Farm</h2>
                <FarmFacts farm={page.farm} />
                <p>
                  <Link to={`/farms/${page.farm.id}`}>See your public farm page</Link>
                </p>
                {owns(page.farm.id) ? (
                  <details>
                    <summary>Edit farm profile</summary>
                    <FarmForm farm={page.farm} onSaved={(farm) => state.set({ ...page, farm })} />
                  </details>
                ) : null}
              </section>
              <section className="card" aria-labelledby="certs-h">
                <h2 id="certs-h">Certifications</h2>
                <Certifications farm={page.farm} />
              </section>
              <FarmPhotoUpload farm={page.farm} onChange={(farm) => state.set({ ...page, farm })} />
              {owns(page.farm.id) ? <PayoutCard farm={page.farm} /> : null}
              {owns(page.farm.id) ? (
                <InviteForm
                  title="Invite a packer"
                  what="packer"
                  send={(email) => onboarding.invitePacker(page.farm.id, email)}
                />
              ) : null}
            </div>
            <h2>Listings</h2>
            {page.listings.length === 0 ? (
              <Empty>
                <p>No listings yet.</p>
                {owns(page.farm.id) ? (
                  <Link className="button" to="/farmer/listings/new">
                    Create your first listing
                  </Link>
                ) : null}
              </Empty>
            ) : (
              <ul className="plain stack" aria-label="Your listings">
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
