import { tipMessages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { loadTipFor, notifyReporter, today } from './tip-records';
import { ZHandlerMessageSchema } from './tipoff-schema';

/** The owning handler writes to the reporter, or adds an internal note the reporter never sees. */
export async function addHandlerMessage(options: {
  deps: CoreDeps;
  actor: Actor;
  tipId: string;
  input: { text: string; internal?: boolean };
}) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZHandlerMessageSchema, options.input);
  const tip = await loadTipFor(deps.db, actor, options.tipId, 'write');
  const [row] = await deps.db
    .insert(tipMessages)
    .values({
      tipId: tip.id,
      kind: input.internal ? 'note' : 'handler',
      at: deps.clock.now(),
      day: today(deps),
      authorOfficerId: actor.userId,
      text: input.text,
    })
    .returning({ id: tipMessages.id });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: input.internal ? 'tip.note' : 'tip.message',
      recordType: 'tip',
      recordId: tip.id,
    },
  });
  if (!input.internal)
    await notifyReporter(deps, tip.id, 'tipoffs:notify.reporterMessage', { number: tip.number });
  return { id: row!.id };
}
