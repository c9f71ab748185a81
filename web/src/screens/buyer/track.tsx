import { useState } from 'react';
import { logistics } from '../../api/logistics';
import { StatusBadge } from '../../components/bits';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { Timeline } from '../../components/timeline';
import { Async } from '../../components/states';
import { humanize } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

const CODE = /^FTT-[0-9A-Z]{12}$/;

const Result = ({ code }: { code: string }) => {
  // an unknown code is an answer, not a failure: say so plainly instead of "something went wrong"
  const state = useAsync(`track:${code}`, () => logistics.track(code), {
    pollMs: (t) => (t && t.status !== 'delivered' ? 10_000 : null),
  });
  return (
    <Async state={state} what="Looking up the parcel">
      {(t) =>
        !t ? (
          <p className="state state-error" role="alert">
            No box has the tracking code <code>{code}</code>. Check it against your order page or confirmation
            e-mail: it looks like FTT- and twelve letters and digits.
          </p>
        ) : (
          <section className="card" aria-labelledby="track-h">
            <h2 id="track-h">
              Box from {t.farmName} <StatusBadge status={t.status} />
            </h2>
            {t.temperatureExcursion ? (
              <p className="bad-text">The temperature left the cold-chain range on the way.</p>
            ) : null}
            <Timeline items={t.steps} at={(s) => s.time}>
              {(s) => (
                <>
                  <span>{humanize(s.step)}</span>
                  {s.place ? <span>{s.place}</span> : null}
                  {s.temperatureC !== undefined ? <span className="muted">{s.temperatureC} °C</span> : null}
                </>
              )}
            </Timeline>
          </section>
        )
      }
    </Async>
  );
};

/** Public tracking by code: no sign-in, no personal data. */
export const TrackScreen = ({ code }: { code: string | null }) => {
  const [text, setText] = useState(code ?? '');
  const valid = CODE.test(text.trim().toUpperCase());
  return (
    <Page title="Track a parcel" intro="Enter the tracking code from your courier, like FTT-7K2M9Q4XW8PA.">
      <form
        className="row card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) navigate(`/track?code=${encodeURIComponent(text.trim().toUpperCase())}`);
        }}
      >
        <Field
          label="Tracking code"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={text !== '' && !valid}
          hint={text !== '' && !valid ? "A code looks like 'FTT-' and 12 letters or digits" : undefined}
          autoCapitalize="characters"
        />
        <button type="submit" className="button" disabled={!valid}>
          Track
        </button>
      </form>
      {code ? <Result code={code} /> : null}
    </Page>
  );
};
