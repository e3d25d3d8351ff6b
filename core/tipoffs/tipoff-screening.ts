// Screens a tip's text before it is kept: a tip is about a practice, a provider or an official, never
// about a private person's pregnancy or family (DOMAIN.md). Conservative: it refuses only clear
// signs — a relative, neighbour or third person next to a pregnancy word, a resident ID number, a
// mainland mobile number — so a genuine report is rarely refused; what slips through is marked out of
// scope ('private_person') by the handler, which deletes it. Pure; zh-CN, zh-TW and en.

export type ScreeningRefusal = 'private_pregnancy' | 'id_number' | 'phone_number';

// Someone other than the reporter or a provider: relatives, neighbours, third-person pronouns, names.
const ZH_PERSON =
  '(?:她|他家|他老婆|他媳妇|他媳婦|邻居|鄰居|隔壁|嫂子|姐姐|妹妹|弟媳|儿媳|兒媳|媳妇|媳婦|老婆|妻子|女儿|女兒|表姐|表妹|堂姐|堂妹|同事|朋友|亲戚|親戚|小姑子|大姑子|[张王李赵刘陈杨黄周吴徐孙马朱胡林郭何高罗郑梁謝谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤張趙劉陳楊黃吳孫馬羅鄭許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒熊閆龍陶賀顧龔萬錢湯][a-zA-Z\\u4e00-\\u9fff]?某?某)';
const ZH_PREGNANT =
  '(?:怀孕|懷孕|怀上|懷上|怀了|懷了|有喜|有了身孕|身孕|大肚子|打胎|流产|流產|引产|引產|生了个|生了個|生男|生女)';
/** A person and a pregnancy word within a few characters, either order. */
const ZH_PRIVATE = new RegExp(
  `${ZH_PERSON}.{0,8}${ZH_PREGNANT}|${ZH_PREGNANT}的?(?:是|是我)?${ZH_PERSON}`,
  'u',
);

// "she is pregnant", "my neighbour Li got pregnant", "her pregnancy", "my sister's abortion".
const EN_PRIVATE =
  /\b(?:she|her|his wife|my (?:neighbou?r|sister|cousin|sister-in-law|daughter|daughter-in-law|friend|colleague|wife)|(?:the|our|a) neighbou?r|mrs\.? [a-z]+|ms\.? [a-z]+)(?:'s)?\b(?:\s+[a-z]+){0,2}?\s+(?:(?:is|was|got|became|'s|is now|has been)\s+)?(?:pregnant|expecting a baby|pregnancy|abortion)\b/i;

/** GB 11643 resident ID: 17 digits and a digit or X, not part of a longer number. */
const ID_NUMBER =
  /(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/;
/** A mainland mobile number (11 digits starting 13–19), spaces or dashes allowed inside. */
const MOBILE = /(?<![0-9])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![0-9])/;

/** Why this text may not be kept (the explanation shown is `tipoffs:screening.<code>`), or null. */
export function screenTipText(text: string): ScreeningRefusal | null {
  const value = text.normalize('NFKC');
  if (ID_NUMBER.test(value)) return 'id_number';
  if (MOBILE.test(value)) return 'phone_number';
  if (ZH_PRIVATE.test(value) || EN_PRIVATE.test(value)) return 'private_pregnancy';
  return null;
}

/** Screens several fields; the first refusal with the field it was found in. */
export function screenFields(
  fields: Record<string, string | null | undefined>,
): { path: string; reason: ScreeningRefusal } | null {
  for (const [path, value] of Object.entries(fields)) {
    if (!value) continue;
    const reason = screenTipText(value);
    if (reason) return { path, reason };
  }
  return null;
}
