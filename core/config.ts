// Settings the domain needs, read from the Worker env once per request by api/services.ts. Pure data:
// core never reads the environment itself.

import type { ImageLimits } from './files/image-limits';
import type { RateLimitPolicy, RateLimitPolicyName } from './rate-limit/policies';
import type { ServiceFileSettings } from './service-file/service-file-schema';

export interface CertificateSettings {
  /** 限时办结: working days from submission to decision (default 3). */
  deadlineWorkingDays: number;
  /** Days off and make-up working days (调休), 'YYYY-MM-DD'. */
  calendar: { holidays: string[]; extraWorkdays: string[] };
  /** Validity of an issued certificate in years (default 3). */
  validityYears: number;
  /** Ed25519 signing key: the 32-byte seed (base64url) and its key id. */
  signingKey: { keyId: string; seed: string };
  /** Days the evidence of a decided application is kept (the certificate and history stay). */
  documentRetentionDays: number;
  /** Public keys no longer used for signing but still valid for verifying older certificates. */
  retiredPublicKeys: { keyId: string; publicKey: string }[];
}

export interface CampaignSettings {
  /** Messages per second across every consumer (BROADCAST_RATE_PER_SECOND; Telegram ~30, paid up to 1000). */
  ratePerSecond: number;
  /** Send attempts of one delivery (5xx, network, 429) before it is recorded as failed. */
  maxAttempts: number;
  /** A claimed delivery whose consumer went silent this long may be claimed again (crash recovery). */
  leaseMs: number;
  /** A sending campaign without any progress for this long gets its open deliveries re-enqueued. */
  stallMs: number;
  /** Key of the HMAC that signs click-tracking links (derived from the bot token). */
  linkSecret: string;
}

export interface TipoffSettings {
  /** TIPOFF_RECEIPT_KEY: the HMAC key under which receipts are stored. */
  receiptKey: string;
  /** 限时办结 from the day received, in working days (the certificates' calendar). */
  ackWorkingDays: number;
  triageWorkingDays: number;
  outcomeWorkingDays: number;
  /** Rewards at or above this (yuan) need a second, different approver. */
  secondApprovalYuan: number;
  /** Working days the reporter has to claim an approved reward. */
  claimWorkingDays: number;
  /** Days a closed tip's content is kept. */
  retentionDays: number;
}

export const DEFAULT_TIPOFF_SETTINGS: Omit<TipoffSettings, 'receiptKey'> = {
  ackWorkingDays: 2,
  triageWorkingDays: 5,
  outcomeWorkingDays: 30,
  secondApprovalYuan: 5000,
  claimWorkingDays: 30,
  retentionDays: 180,
};

export interface CoreConfig {
  /** https origin of the Worker: links in messages, the mini app, the verification page. */
  publicUrl: string;
  /** Upload cap for one document, in bytes. */
  maxUploadBytes: number;
  /** Largest image accepted, read from its header before anything decodes it. */
  imageLimits: ImageLimits;
  certificates: CertificateSettings;
  campaigns: CampaignSettings;
  tipoffs: TipoffSettings;
  /** The "eight ones" file: intervals, first due date, review days, report retention, reminder offsets. */
  serviceFile: ServiceFileSettings;
  rateLimits: {
    policies: Record<RateLimitPolicyName, RateLimitPolicy>;
    /** Key of the HMAC that turns addresses and user ids into limiter keys (derived from the bot token). */
    keySecret: string;
  };
}

export function miniAppUrl(config: CoreConfig, path = ''): string {
  return new URL(`/app/${path.replace(/^\/+/, '')}`, config.publicUrl).toString();
}

/** The public check of one certificate; with its check code the page can read the register. */
export function verifyPageUrl(config: CoreConfig, serial: string, checkCode?: string): string {
  const url = new URL(`/verify/${encodeURIComponent(serial)}`, config.publicUrl);
  if (checkCode) url.searchParams.set('c', checkCode);
  return url.toString();
}
