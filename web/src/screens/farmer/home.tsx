import type { Listing } from '../../api/types';
import { Photo, Price, StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { unitLabel } from '../../lib/format';
import { Link } from '../../lib/router';
import { Certifications, FarmFacts } from '../../components/farm-facts';
import { FarmForm } from './farm-form';
import { FarmPhotoUpload } from './farm-photo-upload';
import { StatusActions } from './status-actions';
import { useMyFarm } from './use-my-farm';

const ListingRow = ({ listing, onChange }: { listing: Listing; onChange: (l: Listing) => void }) => (
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
  </li>
);

export const FarmerHomeScreen = () => {
  const state = useMyFarm();
  return (
    <Async state={state} what="Loading your farm" page="Your farm">
      {(page) =>
        page === null ? (
          <Page title="Your farm" intro="Start by describing your farm: buyers see it on every listing.">
            <FarmForm onSaved={() => state.reload()} />
          </Page>
        ) : (
          <Page
            title={page.farm.name}
            intro={page.farm.description || undefined}
            actions={
              <Link className="button" to="/farmer/listings/new">
                New listing
              </Link>
            }
          >
            <div className="grid two">
              <section className="card" aria-labelledby="farm-h">
                <h2 id="farm-h">Farm</h2>
                <FarmFacts farm={page.farm} />
                <p>
                  <Link to={`/farms/${page.farm.id}`}>See your public farm page</Link>
                </p>
                <details>
                  <summary>Edit farm profile</summary>
                  <FarmForm farm={page.farm} onSaved={(farm) => state.set({ ...page, farm })} />
                </details>
              </section>
              <section className="card" aria-labelledby="certs-h">
                <h2 id="certs-h">Certifications</h2>
                <Certifications farm={page.farm} />
              </section>
              <FarmPhotoUpload farm={page.farm} onChange={(farm) => state.set({ ...page, farm })} />
            </div>
            <h2>Listings</h2>
            {page.listings.length === 0 ? (
              <Empty>
                <p>No listings yet.</p>
                <Link className="button" to="/farmer/listings/new">
                  Create your first listing
                </Link>
              </Empty>
            ) : (
              <ul className="plain stack" aria-label="Your listings">
                {page.listings
                  .filter((l) => l.status !== 'archived')
                  .map((l) => (
                    <ListingRow
                      key={l.id}
                      listing={l}
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
