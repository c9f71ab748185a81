import type { ReactNode } from 'react';
import { Page } from '../../components/page';
import { Link } from '../../lib/router';

/**
 * A page that says where the person stands (a mail sent, a link refused, a change made): the lead sentence, then
 * `next`, the one place to go on to (as a button), or `children`.
 */
export const NoticePage = ({
  title,
  lead,
  next,
  children,
}: {
  title: string;
  lead: ReactNode;
  next?: { to: string; label: string };
  children?: ReactNode;
}) => (
  <Page title={title}>
    <div className="card stack narrow">
      <p className="lead">{lead}</p>
      {next ? (
        <p>
          <Link className="button" to={next.to}>
            {next.label}
          </Link>
        </p>
      ) : null}
      {children}
    </div>
  </Page>
);
