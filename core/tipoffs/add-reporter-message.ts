import { tipMessages } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { assertScreened } from './submit-tip';
import { findTipByReceipt, notifyOfficers, today } from './tip-records';
import { ZReporterMessageSchema } from './tipoff-schema';

/** The reporter writes to the handler (with the receipt). Kept with the day only; screened like the tip. */
export async function addReporterMessage(options: { deps: CoreDeps; receipt: string; text: string }) {
  const { deps } = options;
  const input = parseOrThrow(ZReporterMessageSchema, { receipt: options.receipt, text: options.text });
  assertScreened({ text: input.text });
  const tip = await findTipByReceipt(deps.db, deps, input.receipt);
  if (tip.status === 'closed' || tip.what === null) throw new AppError('invalid_transition');
  const [row] = await deps.db
    .insert(tipMessages)
    .values({ tipId: tip.id, kind: 'reporter', at: null, day: today(deps), text: input.text })
    .returning({ id: tipMessages.id });
  await notifyOfficers(deps, {
    role: 'case_handler',
    ...(tip.ownerOfficerId ? { userIds: [tip.ownerOfficerId] } : {}),
    messageKey: 'tipoffs:notify.officerReporterMessage',
    path: `tips/${tip.id}`,
  });
  return { id: row!.id };
}
