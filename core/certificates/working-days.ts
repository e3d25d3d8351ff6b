// Moved to core/review/working-days.ts (shared by every review workflow); this re-export keeps
// branches written before the move compiling. New code imports core/review/working-days.
export * from '../review/working-days';
