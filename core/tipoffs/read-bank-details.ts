import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { openBankDetails } from './bank-details-seal';
import { loadRewardFor } from './list-rewards';

/** Finance reads the bank details of a claimed reward to pay it; every read is in the audit log. */
export async function readBankDetails(options: { deps: CoreDeps; actor: Actor; rewardId: string }) {
  const { deps, actor } = options;
  const row = await loadRewardFor(deps.db, actor, options.rewardId, 'readBankDetails');
  if (!row.reward.bankDetailsSealed) throw new AppError('not_found');
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip_reward.bank_details.read',
      recordType: 'tip_reward',
      recordId: row.reward.id,
    },
  });
  return openBankDetails(deps.config.tipoffs.receiptKey, row.reward.bankDetailsSealed, row.reward.id);
}
