// Which of the resident services are live. One switch per capability: the issue that builds a
// service flips its switch when it lands, and the bot's /start, the mini app's home cards and the
// free-text answers stop saying "coming soon" together. Browser-safe: no imports.

export const SERVICE_AVAILABILITY = {
  certificates: true,
  guide: true,
  /** The "eight ones" service file (八个一). */
  serviceFile: true,
  /** Tip-offs with rewards (有奖举报). */
  tipOffs: true,
} as const;

export type ServiceId = keyof typeof SERVICE_AVAILABILITY;

/** The services in the order the office lists them (home page, /start). */
export const SERVICE_IDS = [
  'certificates',
  'serviceFile',
  'guide',
  'tipOffs',
] as const satisfies readonly ServiceId[];

export function isServiceAvailable(id: ServiceId): boolean {
  return SERVICE_AVAILABILITY[id];
}
