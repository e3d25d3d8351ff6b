// The subset of an R2 bucket that core uses; R2Bucket satisfies it, tests may pass a fake.
export interface ObjectStore {
  put(
    key: string,
    value: ArrayBuffer | Uint8Array,
    options?: { httpMetadata?: { contentType?: string }; sha256?: ArrayBuffer | string },
  ): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; size: number } | null>;
  delete(key: string | string[]): Promise<void>;
}
