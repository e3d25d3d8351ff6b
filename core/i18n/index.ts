import i18next, { type i18n, type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, type Language, SUPPORTED_LANGUAGES } from './languages';
import { NAMESPACES, resources } from './resources';

export * from './languages';

let instance: i18n | undefined;

/** One synchronous i18next instance per isolate, shared by bot, API errors and (bundled) the mini app. */
export function getI18n(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...SUPPORTED_LANGUAGES],
      ns: [...NAMESPACES],
      defaultNS: 'common',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

export function translator(lng: Language, ns?: (typeof NAMESPACES)[number]): TFunction {
  return getI18n().getFixedT(lng, ns ?? 'common');
}
