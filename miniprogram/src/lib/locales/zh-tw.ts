// Traditional Chinese texts of the mini app: one chunk, loaded only when this language is in use.
export { default as app } from '../../../../core/i18n/locales/zh-TW/app.json';
export { default as common } from '../../../../core/i18n/locales/zh-TW/common.json';
