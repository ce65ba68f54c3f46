import type { BoundDevice } from '@koodrive-device/client';
import {
  formatLocalDateTime,
  formatRelative,
  type SortDirection,
  type SortKey,
  type SortOrder,
  sortDevices,
} from '../format.js';
import { CopyButton } from './CopyButton.js';
import { OsLabel } from './OsLabel.js';

export interface DeviceTableProps {
  devices: readonly BoundDevice[];
  order: SortOrder;
  onSort: (order: SortOrder) => void;
  now: Date;
  locale?: string | undefined;
  timeZone?: string | undefined;
}

/** The direction a column starts with: names A→Z, dates newest first. */
const FIRST_DIRECTION: Record<SortKey, SortDirection> = { name: 'ascending', boundAt: 'descending' };
const SORT_WORDS: Record<SortKey, Record<SortDirection, string>> = {
  name: { ascending: 'device name, A to Z', descending: 'device name, Z to A' },
  boundAt: { ascending: 'bound date, oldest first', descending: 'bound date, newest first' },
};

function SortableHeader(props: {
  label: string;
  sortKey: SortKey;
  order: SortOrder;
  onSort: (order: SortOrder) => void;
  className: string;
}) {
  const { label, sortKey, order, onSort, className } = props;
  const active = order.key === sortKey;
  const next: SortOrder = active
    ? { key: sortKey, direction: order.direction === 'ascending' ? 'descending' : 'ascending' }
    : { key: sortKey, direction: FIRST_DIRECTION[sortKey] };
  return (
    <th scope="col" className={`${className} sortable`} aria-sort={active ? order.direction : 'none'}>
      <button type="button" onClick={() => onSort(next)} title={`Sort by ${SORT_WORDS[sortKey][next.direction]}`}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (order.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Column headers shared by the table and its loading skeleton. */
export function DeviceTableHead(props: { order: SortOrder; onSort: (order: SortOrder) => void }) {
  return (
    <thead>
      <tr>
        <SortableHeader label="Device name" sortKey="name" className="col-name" {...props} />
        <th scope="col" className="col-os">
          OS
        </th>
        <th scope="col" className="col-machine">
          Machine code
        </th>
        <SortableHeader label="Bound" sortKey="boundAt" className="col-bound" {...props} />
        <th scope="col" className="col-id">
          Device ID
        </th>
      </tr>
    </thead>
  );
}

export function DeviceTable({ devices, order, onSort, now, locale, timeZone }: DeviceTableProps) {
  const sorted = sortDevices(devices, order);
  return (
    <div className="table-wrap">
      <table className="devices">
        <caption className="visually-hidden">
          Devices bound to this account, sorted by {SORT_WORDS[order.key][order.direction]}
        </caption>
        <DeviceTableHead order={order} onSort={onSort} />
        <tbody>
          {sorted.map((device) => {
            const iso = device.createTime.toISOString();
            return (
              <tr key={device.deviceId}>
                <th scope="row" className="col-name">
                  {device.deviceName}
                </th>
                <td className="col-os" data-label="OS">
                  <OsLabel deviceOS={device.deviceOS} />
                </td>
                <td className="col-machine" data-label="Machine code">
                  <code>{device.machineCode}</code>
                </td>
                <td className="col-bound" data-label="Bound">
                  <time dateTime={iso} title={iso}>
                    {formatLocalDateTime(device.createTime, locale, timeZone)}
                  </time>
                  <span className="relative">{formatRelative(device.createTime, now, locale)}</span>
                </td>
                <td className="col-id" data-label="Device ID">
                  <span className="device-id">
                    <code>{device.deviceId}</code>
                    <CopyButton
                      text={device.deviceId}
                      label={`Copy device ID ${device.deviceId} of ${device.deviceName}`}
                    />
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
