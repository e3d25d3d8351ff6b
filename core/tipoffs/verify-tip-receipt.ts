import { and, eq } from 'drizzle-orm';
import { tips, townships } from '../../db/schema';
import { listSigningKeys } from '../certificates/list-signing-keys';
import type { CoreDeps } from '../deps';
import { verifySignedTipReceipt } from './tip-receipt-verdict';

/**
 * Checks a signed receipt: whether the office signed exactly this number, day, category and content
 * hash, and whether that tip is in the register (same number, day, category and hash). Says nothing else.
 */
export async function verifyTipReceipt(options: { deps: CoreDeps; signedReceipt: string }) {
  const { deps } = options;
  const keys = await listSigningKeys({ deps });
  const verdict = await verifySignedTipReceipt(
    options.signedReceipt,
    keys.map((k) => ({ kid: k.kid, publicKey: k.publicKey })),
  );
  if (!verdict.valid) return verdict;
  const [row] = await deps.db
    .select({ id: tips.id })
    .from(tips)
    .innerJoin(townships, eq(townships.id, tips.townshipId))
    .where(
      and(
        eq(townships.code, verdict.townshipCode),
        eq(tips.number, verdict.number),
        eq(tips.day, verdict.day),
        eq(tips.category, verdict.category),
        eq(tips.contentHash, verdict.contentHash),
      ),
    );
  return { ...verdict, registered: Boolean(row) };
}
