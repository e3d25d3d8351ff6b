export * from './audit-log';
export * from './campaigns';
export * from './certificates';
export * from './officer-roles';
export * from './stored-files';
export * from './telegram-updates';
export * from './users';
export * from './villages';
