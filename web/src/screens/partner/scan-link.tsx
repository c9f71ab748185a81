import { Link } from '../../lib/router';
import { t } from '../../i18n';

/** The way from the partner's shipments to the label scanner (issue #33). */
export const ScanLabelLink = () => (
  <Link className="button" to="/partner/scan">
    {t('scan.link')}
  </Link>
);
