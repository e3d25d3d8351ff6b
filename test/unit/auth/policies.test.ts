// The policies as pure rules: who may do what to which record, with the refusal each use case throws
// (the sweep test checks the HTTP side of the same table).
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/auth/actor';
import { allows, canFlags, couldEver, refusal } from '../../../core/auth/policy';
import {
  CAMPAIGN_VIEW_ACTIONS,
  type CampaignRecord,
  campaignPolicy,
} from '../../../core/campaigns/campaign-policy';
import { type ApplicationRecord, applicationPolicy } from '../../../core/certificates/application-policy';
import { certificatePolicy } from '../../../core/certificates/certificate-policy';
import { capabilities } from '../../../core/users/capabilities';

const EAST = 1;
const WEST = 2;
const SOUTH = 3;
const person = (userId: string, roles: Actor['roles'] = []): Actor => ({
  userId,
  telegramId: 1,
  villageId: EAST,
  roles,
});
const applicant = person('applicant');
const stranger = person('stranger');
const reviewer = person('reviewer', [{ role: 'reviewer', villageIds: [EAST, WEST] }]);
const colleague = person('colleague', [{ role: 'reviewer', villageIds: [EAST] }]);
const southReviewer = person('south', [{ role: 'reviewer', villageIds: [SOUTH] }]);
const admin = person('admin', [{ role: 'admin', villageIds: null }]);
const publicity = person('publicity', [{ role: 'publicity', villageIds: null }]);
const eastPublicity = person('east-publicity', [{ role: 'publicity', villageIds: [EAST] }]);
const finance = person('finance', [{ role: 'finance', villageIds: null }]);

const application = (over: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  applicantUserId: 'applicant',
  villageId: EAST,
  status: 'in_review',
  ownerOfficerId: 'reviewer',
  ...over,
});
const campaign = (over: Partial<CampaignRecord> = {}): CampaignRecord => ({
  createdBy: 'publicity',
  status: 'draft',
  audience: { villageIds: [EAST] },
  ...over,
});

describe('the application policy', () => {
  it('lets only the owning reviewer of its village decide, and only while it is in review', () => {
    expect(refusal(applicationPolicy.decide, reviewer, application())).toBeNull();
    expect(refusal(applicationPolicy.decide, colleague, application())).toBe('not_owner');
    expect(refusal(applicationPolicy.decide, southReviewer, application())).toBe('out_of_scope');
    expect(refusal(applicationPolicy.decide, admin, application())).toBe('forbidden');
    expect(refusal(applicationPolicy.decide, reviewer, application({ status: 'returned' }))).toBe(
      'invalid_transition',
    );
  });

  it('lets an admin reassign work but not a colleague who does not own it', () => {
    expect(allows(applicationPolicy.handOver, admin, application())).toBe(true);
    expect(refusal(applicationPolicy.handOver, colleague, application())).toBe('not_owner');
    expect(refusal(applicationPolicy.handOver, reviewer, application({ status: 'issued' }))).toBe(
      'invalid_transition',
    );
  });

  it('keeps drafts from officers and other people’s applications from the applicant side', () => {
    expect(refusal(applicationPolicy.view, reviewer, application({ status: 'draft' }))).toBe('not_found');
    expect(refusal(applicationPolicy.readOwn, stranger, application())).toBe('not_found');
    expect(refusal(applicationPolicy.readDocument, stranger, application())).toBe('not_found');
    expect(refusal(applicationPolicy.readDocument, finance, application())).toBe('forbidden');
    expect(refusal(applicationPolicy.edit, applicant, application({ status: 'in_review' }))).toBe(
      'application_locked',
    );
    expect(allows(applicationPolicy.edit, applicant, application({ status: 'returned' }))).toBe(true);
  });

  it('lets the holder and the village’s officers read a certificate, and only officers revoke it once', () => {
    const cert = { holderUserId: 'applicant', villageId: EAST, status: 'valid' as const };
    expect(allows(certificatePolicy.readPdf, applicant, cert)).toBe(true);
    expect(refusal(certificatePolicy.readPdf, stranger, cert)).toBe('not_found');
    expect(refusal(certificatePolicy.readPdf, southReviewer, cert)).toBe('out_of_scope');
    expect(allows(certificatePolicy.revoke, admin, cert)).toBe(true);
    expect(refusal(certificatePolicy.revoke, reviewer, { ...cert, status: 'revoked' })).toBe(
      'invalid_transition',
    );
  });
});

describe('the campaign policy', () => {
  it('never lets the author approve, and lets an admin approve but not send', () => {
    const submitted = campaign({ status: 'submitted' });
    expect(refusal(campaignPolicy.approve, publicity, submitted)).toBe('own_campaign');
    expect(allows(campaignPolicy.approve, admin, submitted)).toBe(true);
    expect(refusal(campaignPolicy.schedule, admin, campaign({ status: 'approved' }))).toBe('forbidden');
  });

  it('keeps a village officer to audiences within their villages', () => {
    expect(
      refusal(campaignPolicy.read, eastPublicity, campaign({ audience: { villageIds: [EAST, WEST] } })),
    ).toBe('out_of_scope');
    expect(refusal(campaignPolicy.read, eastPublicity, campaign({ audience: { villageIds: [] } }))).toBe(
      'out_of_scope',
    );
    expect(allows(campaignPolicy.read, eastPublicity, campaign())).toBe(true);
  });

  it('computes the page’s buttons from the same rules', () => {
    expect(canFlags(campaignPolicy, publicity, campaign(), CAMPAIGN_VIEW_ACTIONS)).toEqual({
      edit: true,
      submit: true,
      withdraw: false,
      approve: false,
      return: false,
      schedule: false,
      cancel: true,
      testSend: true,
      resendFailed: false,
    });
    expect(
      canFlags(campaignPolicy, admin, campaign({ status: 'submitted' }), CAMPAIGN_VIEW_ACTIONS),
    ).toMatchObject({ edit: false, approve: true, return: true, cancel: true });
  });

  it('shows a published image to anyone and a draft’s only to staff in scope', () => {
    expect(allows(campaignPolicy.readImage, stranger, campaign({ status: 'sent' }))).toBe(true);
    expect(refusal(campaignPolicy.readImage, stranger, campaign())).toBe('not_found');
  });
});

describe('route guards and page capabilities', () => {
  it('derive from the role-level part of the rules', () => {
    expect(couldEver(applicationPolicy.view, finance)).toBe(false);
    expect(couldEver(campaignPolicy.create, admin)).toBe(false);
    expect(capabilities(reviewer)).toEqual({
      review: { allowed: true, villageIds: [EAST, WEST] },
      campaigns: { read: false, compose: false, composeVillageIds: [] },
      guide: { edit: false },
      tipoffs: { handle: false, rewards: false, claimInPerson: false, editTiers: false, charts: false },
      admin: { allowed: false },
    });
    expect(capabilities(finance).tipoffs).toEqual({
      handle: false,
      rewards: true,
      claimInPerson: true,
      editTiers: false,
      charts: true,
    });
    expect(capabilities(admin).tipoffs).toEqual({
      handle: true,
      rewards: true,
      claimInPerson: false,
      editTiers: true,
      charts: true,
    });
    expect(capabilities(eastPublicity)).toMatchObject({
      review: { allowed: false },
      campaigns: { read: true, compose: true, composeVillageIds: [EAST] },
      guide: { edit: true },
    });
    expect(capabilities(admin).review).toEqual({ allowed: true, villageIds: null });
    // Administration: only a township-wide admin.
    expect(capabilities(admin).admin).toEqual({ allowed: true });
  });
});
