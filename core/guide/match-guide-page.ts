// Finds the service-guide page a free-text question is about ("婚育证明要多久才能办好？"), by simple
// overlap: Chinese is compared in character pairs, other scripts in words; a word of the page's title
// counts three times a word of its body. No match is better than a wrong one: a page is only chosen
// when enough of the question is found in it. Pure, no imports.

export interface GuideCandidate {
  slug: string;
  title: string;
  body: string;
}

/** Only the start of a long message is read: a question is short. */
const MAX_QUESTION_CHARS = 200;
const TITLE_WEIGHT = 3;
const BODY_WEIGHT = 1;
/** A page needs a title hit or three body hits… */
const MIN_SCORE = 3;
/** …covering at least this share of the question's meaningful words. */
const MIN_COVERAGE = 0.3;

// Characters that carry no topic (particles, pronouns, question words); a pair of two of them is dropped.
const CJK_FILLER = new Set(
  Array.from(
    '的了吗嗎呢吧啊呀么麼我你您他她它们們是在有和与與要想请請问問能会會可以怎什多少哪如何这這那个個就都也还還才好久请一下',
  ),
);
const WORD_FILLER = new Set(
  'the and for how long does did what when where which who why can could get take takes with you your are this that have has need want there from will much many please about into long does our any'.split(
    ' ',
  ),
);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The question's (or a text's) meaningful units: CJK character pairs and lower-case words. */
export function guideTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  // Runs of CJK characters become overlapping pairs; anything else is split into words.
  for (const run of text.toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g) ?? []) {
    if (CJK.test(run)) {
      const chars = Array.from(run);
      if (chars.length === 1 && !CJK_FILLER.has(chars[0]!)) tokens.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i += 1) {
        const a = chars[i]!;
        const b = chars[i + 1]!;
        if (!(CJK_FILLER.has(a) && CJK_FILLER.has(b))) tokens.add(a + b);
      }
    } else if (run.length >= 3 && !WORD_FILLER.has(run)) {
      // "certificates" finds "certificate": a plural s is the only ending taken off.
      tokens.add(run.length > 4 && run.endsWith('s') ? run.slice(0, -1) : run);
    }
  }
  return tokens;
}

/** The best page for the question, or null when none matches well enough. */
export function matchGuidePage<T extends GuideCandidate>(question: string, pages: readonly T[]): T | null {
  const asked = guideTokens(question.slice(0, MAX_QUESTION_CHARS));
  if (asked.size === 0) return null;
  let best: { page: T; score: number } | null = null;
  for (const page of pages) {
    const title = guideTokens(page.title);
    const body = guideTokens(page.body);
    let score = 0;
    let found = 0;
    for (const token of asked) {
      const weight = title.has(token) ? TITLE_WEIGHT : body.has(token) ? BODY_WEIGHT : 0;
      score += weight;
      if (weight > 0) found += 1;
    }
    if (score >= MIN_SCORE && found / asked.size >= MIN_COVERAGE && score > (best?.score ?? 0))
      best = { page, score };
  }
  return best?.page ?? null;
}
