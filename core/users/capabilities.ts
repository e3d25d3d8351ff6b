// What the signed-in person's pages may offer, computed by the policies' role-level rules (GET
// /api/me): the mini app gates its pages and filters with these and re-derives no rule itself.
import type { Actor } from '../auth/actor';
import { allows, couldEver, ruleScope } from '../auth/policy';
import { campaignPolicy, composeScope } from '../campaigns/campaign-policy';
import { applicationPolicy } from '../certificates/application-policy';
import { guidePolicy } from '../guide/guide-policy';
import { officerPolicy } from '../officers/officer-policy';
import { rewardPolicy, tipPolicy } from '../tipoffs/tipoff-policy';

export function capabilities(actor: Actor) {
  const reviews = couldEver(applicationPolicy.view, actor);
  const composes = couldEver(campaignPolicy.create, actor);
  return {
    /** The review queue, dashboard and screens; villageIds null = every village. */
    review: { allowed: reviews, villageIds: reviews ? ruleScope(applicationPolicy.view, actor) : [] },
    /** The publicity workbench (list, approve, figures) and composing within villageIds (null = all). */
    campaigns: {
      read: couldEver(campaignPolicy.read, actor),
      compose: composes,
      composeVillageIds: composes ? composeScope(actor) : [],
    },
    guide: { edit: couldEver(guidePolicy.edit, actor) },
    /** Tip-offs: the case queue and screens, the rewards (and in-person claims), the reward table, the charts. */
    tipoffs: {
      handle: couldEver(tipPolicy.view, actor),
      rewards: couldEver(rewardPolicy.view, actor),
      claimInPerson: couldEver(rewardPolicy.claimInPerson, actor),
      editTiers: couldEver(rewardPolicy.editTiers, actor),
      charts: couldEver(tipPolicy.charts, actor),
    },
    /** The administration pages (villages, officers, settings, audit log): township-wide admins. */
    admin: { allowed: allows(officerPolicy.manage, actor, undefined) },
  };
}

export type Capabilities = ReturnType<typeof capabilities>;
