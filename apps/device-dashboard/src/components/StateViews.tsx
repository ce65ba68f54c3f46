import type { Ref } from 'react';
import { type DashboardMode, describeError } from '../describe-error.js';
import type { SortOrder } from '../format.js';
import { DeviceTableHead } from './DeviceTable.js';

const SKELETON_ROWS = ['a', 'b', 'c'];

export function LoadingView(props: { order: SortOrder; retry?: { attempt: number; maxAttempts: number } | undefined }) {
  const { order, retry } = props;
  return (
    <div className="loading">
      <output className="state-line">
        {retry === undefined
          ? 'Loading devices…'
          : `KooDrive is busy: trying again (attempt ${retry.attempt} of ${retry.maxAttempts})…`}
      </output>
      <div className="table-wrap">
        <table className="devices skeleton-table" aria-busy="true">
          <caption className="visually-hidden">Loading devices</caption>
          <DeviceTableHead order={order} onSort={() => {}} />
          <tbody>
            {SKELETON_ROWS.map((key) => (
              <tr key={key} className="skeleton-row">
                <th scope="row" className="col-name">
                  <span className="skeleton w-60" />
                </th>
                <td className="col-os">
                  <span className="skeleton w-40" />
                </td>
                <td className="col-machine">
                  <span className="skeleton w-50" />
                </td>
                <td className="col-bound">
                  <span className="skeleton w-70" />
                </td>
                <td className="col-id">
                  <span className="skeleton w-90" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function EmptyView({ onReload }: { onReload: () => void }) {
  return (
    <div className="state state-empty">
      <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false" className="state-icon">
        <rect x="14" y="6" width="20" height="36" rx="3" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M21 36h6" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <h3>No devices are bound to this account</h3>
      <p>A device shows up here once it has signed in to KooDrive and been bound to this user.</p>
      <button type="button" onClick={onReload}>
        Check again
      </button>
    </div>
  );
}

export function ErrorView(props: {
  error: unknown;
  mode: DashboardMode;
  onRetry: () => void;
  retryRef?: Ref<HTMLButtonElement>;
}) {
  const { title, advice, details } = describeError(props.error, props.mode);
  return (
    <div className="state state-error" role="alert">
      <h3>Couldn't load your devices</h3>
      <p className="reason">{title}</p>
      <p>{advice}</p>
      <button type="button" className="primary" onClick={props.onRetry} ref={props.retryRef}>
        Retry
      </button>
      <details>
        <summary>Technical details</summary>
        <dl>
          {details.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
