// Small inline icons for the service cards (inline SVG: no extra requests, follows the theme colour).
const PATHS = {
  certificate: 'M6 3h9l5 5v13H6zM14 3v6h6M9 13h8M9 17h5',
  serviceFile: 'M3 6h6l2 2h10v11H3zM8 13l2.5 2.5L16 11',
  guide: 'M4 5h7a2 2 0 0 1 2 2v12a2 2 0 0 0-2-2H4zM20 5h-5a2 2 0 0 0-2 2v12a2 2 0 0 1 2-2h5z',
  tipOff: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6zM12 8v5M12 16v.5',
  workbench: 'M4 7h16v12H4zM9 7V4h6v3M4 12h16',
  queue: 'M8 6h12M8 12h12M8 18h12M4 6h.5M4 12h.5M4 18h.5',
  chart: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3',
  megaphone: 'M4 10v4h3l7 4V6l-7 4zM17 9a4 4 0 0 1 0 6M7 14l1.5 5h2L9.5 15',
  scan: 'M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M4 12h16',
  reward: 'M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM9 9l3 3 3-3M12 12v5M9.5 13.5h5M9.5 16h5',
  ledger: 'M5 3h11l3 3v15H5zM8 8h8M8 12h8M8 16h5',
  table: 'M4 5h16v14H4zM4 10h16M4 15h16M10 5v14',
  village: 'M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6',
  officers:
    'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 5a3 3 0 0 1 0 6M18 14c2 .8 3 2.8 3 6',
  settings: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4',
  log: 'M6 3h12v18H6zM9 8h6M9 12h6M9 16h4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      width="24"
      height="24"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
