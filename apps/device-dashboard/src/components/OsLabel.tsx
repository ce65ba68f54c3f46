import { type OsInfo, osInfo } from '../format.js';

const ICONS: Record<OsInfo['family'], React.JSX.Element> = {
  android: (
    <>
      <path d="M4 15a8 8 0 0 1 16 0z" />
      <path d="M7 6.5 5.5 4M17 6.5 18.5 4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="9" cy="11.5" r="1" fill="var(--surface)" />
      <circle cx="15" cy="11.5" r="1" fill="var(--surface)" />
      <rect x="4" y="16" width="16" height="5" rx="1.5" />
    </>
  ),
  harmony: (
    <path
      d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 3.2a5.8 5.8 0 1 1 0 11.6 5.8 5.8 0 0 1 0-11.6z"
      fillRule="evenodd"
    />
  ),
  apple: (
    <>
      <path d="M16.6 12.7c0-2.4 2-3.5 2-3.6a4.4 4.4 0 0 0-3.5-1.9c-1.5-.2-2.9.9-3.6.9s-1.9-.9-3.1-.8a4.6 4.6 0 0 0-3.9 2.4c-1.7 2.9-.4 7.2 1.2 9.5.8 1.1 1.7 2.4 2.9 2.4s1.6-.8 3-.8 1.8.8 3 .7 2-1.2 2.8-2.3a9.8 9.8 0 0 0 1.3-2.6 3.9 3.9 0 0 1-2.1-3.9z" />
      <path d="M14.3 5.4A3.9 3.9 0 0 0 15.2 2.5a4 4 0 0 0-2.6 1.4 3.7 3.7 0 0 0-.9 2.8 3.3 3.3 0 0 0 2.6-1.3z" />
    </>
  ),
  windows: (
    <>
      <rect x="3" y="3" width="8" height="8" />
      <rect x="13" y="3" width="8" height="8" />
      <rect x="3" y="13" width="8" height="8" />
      <rect x="13" y="13" width="8" height="8" />
    </>
  ),
  linux: (
    <path
      d="M3 4h18v16H3zM6 8l4 3-4 3M11 15h6"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinejoin="round"
    />
  ),
  other: (
    <path
      d="M7 2.5h10a1.5 1.5 0 0 1 1.5 1.5v16a1.5 1.5 0 0 1-1.5 1.5H7A1.5 1.5 0 0 1 5.5 20V4A1.5 1.5 0 0 1 7 2.5zM10 18.5h4"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
    />
  ),
};

/** The device's OS as an icon and a recognisable name ("Android"); the raw value is in the tooltip. */
export function OsLabel({ deviceOS }: { deviceOS: string }) {
  const info = osInfo(deviceOS);
  return (
    <span className={`os os-${info.family}`} title={deviceOS}>
      <svg viewBox="0 0 24 24" width="18" height="18" fill="currentColor" aria-hidden="true" focusable="false">
        {ICONS[info.family]}
      </svg>
      <span>{info.label}</span>
    </span>
  );
}
