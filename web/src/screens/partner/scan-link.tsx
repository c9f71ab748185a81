import { Link } from '../../lib/router';

/** The way from the partner's shipments to the label scanner (issue #33). */
export const ScanLabelLink = () => (
  <Link className="button" to="/partner/scan">
    Scan a box label
  </Link>
);
