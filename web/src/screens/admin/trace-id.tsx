import { t } from '../../i18n';

/** A trace id; a link to the trace when the app was built with VITE_TRACE_URL (e.g. a Jaeger UI's /trace). */
export const TraceId = ({ id }: { id: string | undefined }) => {
  if (!id) return <span className="muted small">{t('traceId.none')}</span>;
  const base = import.meta.env.VITE_TRACE_URL as string | undefined;
  const text = <code className="small breakable">{id}</code>;
  return base ? (
    <a href={`${base.replace(/\/$/, '')}/${id}`} aria-label={t('traceId.aria', { id })}>
      {text}
    </a>
  ) : (
    <span>
      <span className="visually-hidden">{t('traceId.hidden')} </span>
      {text}
    </span>
  );
};
