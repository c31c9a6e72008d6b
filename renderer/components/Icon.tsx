// Small stroke icons for the shell (24×24 grid, currentColor).
const PATHS = {
  graph: 'M6 6m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0 M18 7m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0 M12 18m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0 M8.3 7.1l7.2 -0.3 M7.3 8.2l3.5 7.6 M16.8 9.2l-3.6 6.6',
  note: 'M7 3h7l5 5v13H7z M14 3v5h5 M10 13h6 M10 17h6',
  reading: 'M4 5.5C6.5 4 9.5 4 12 6c2.5-2 5.5-2 8-0.5V19c-2.5-1.5-5.5-1.5-8 0.5c-2.5-2-5.5-2-8-0.5z M12 6v13.5',
  todos: 'M4 6l1.5 1.5L8 5 M4 12l1.5 1.5L8 11 M4 18l1.5 1.5L8 17 M11 6.5h9 M11 12.5h9 M11 18.5h9',
  search: 'M11 11m-6.5 0a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0 -13 0 M20 20l-4.4 -4.4',
  problems: 'M12 3.5l9 16H3z M12 10v4.5 M12 17.2v0.3',
  back: 'M15 5l-7 7l7 7',
  forward: 'M9 5l7 7l-7 7',
  sun: 'M12 12m-4 0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0 M12 2.5v2 M12 19.5v2 M2.5 12h2 M19.5 12h2 M5.3 5.3l1.4 1.4 M17.3 17.3l1.4 1.4 M5.3 18.7l1.4 -1.4 M17.3 6.7l1.4 -1.4',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  monitor: 'M3.5 4.5h17v11h-17z M9 20h6 M12 15.5V20',
  folder: 'M3 6.5h6l2 2h10v10.5H3z',
  refresh: 'M20 11a8 8 0 1 0 -2.3 5.7 M20 4v7h-7',
  settings: 'M12 12m-3 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0 M12 2.5v3 M12 18.5v3 M2.5 12h3 M18.5 12h3 M5.3 5.3l2.1 2.1 M16.6 16.6l2.1 2.1 M5.3 18.7l2.1 -2.1 M16.6 7.4l2.1 -2.1',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
