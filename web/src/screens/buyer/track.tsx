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
import { Form } from '../../components/form';
import { t, tx } from '../../i18n';

const CODE = /^FTT-[0-9A-Z]{12}$/;

const Result = ({ code }: { code: string }) => {
  // an unknown code is an answer, not a failure: say so plainly instead of "something went wrong"
  const state = useAsync(`track:${code}`, () => logistics.track(code), {
    pollMs: (t) => (t && t.status !== 'delivered' ? 10_000 : null),
  });
  return (
    <Async state={state} what={t('track.looking')}>
      {(found) =>
        !found ? (
          <p className="state state-error" role="alert">
            {tx('track.unknown', { code: <code key="c">{code}</code> })}
          </p>
        ) : (
          <section className="card" aria-labelledby="track-h">
            <h2 id="track-h">
              {t('order.boxFrom', { farm: found.farmName })} <StatusBadge status={found.status} />
            </h2>
            {found.temperatureExcursion ? (
              <p className="bad-text">{t('track.excursion')}</p>
            ) : null}
            <Timeline items={found.steps} at={(s) => s.time}>
              {(s) => (
                <>
                  <span>{humanize(s.step)}</span>
                  {s.place ? <span>{s.place}</span> : null}
                  {s.temperatureC !== undefined ? <span className="muted">{t('temp.degrees', { c: s.temperatureC })}</span> : null}
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
    <Page title={t('nav.trackParcel')} intro={t('track.intro', { example: 'FTT-7K2M9Q4XW8PA' })}>
      <Form
        className="row card"
        onSubmit={() => {
          if (valid) navigate(`/track?code=${encodeURIComponent(text.trim().toUpperCase())}`);
        }}
      >
        <Field
          label={t('track.code')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={text !== '' && !valid}
          hint={text !== '' && !valid ? t('track.codeHint') : undefined}
          autoCapitalize="characters"
        />
        <button type="submit" className="button" disabled={!valid}>
          {t('nav.track')}
        </button>
      </Form>
      {code ? <Result code={code} /> : null}
    </Page>
  );
};
