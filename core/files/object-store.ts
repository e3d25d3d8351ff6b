// The subset of an R2 bucket that core uses; R2Bucket satisfies it, tests may pass a fake.
export interface ObjectStore {
  put(
    key: string,
    value: ArrayBuffer | Uint8Array | string,
    options?: { httpMetadata?: { contentType?: string }; sha256?: ArrayBuffer | string },
  ): Promise<unknown>;
  get(
    key: string,
  ): Promise<{ arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string>; size: number } | null>;
  delete(key: string | string[]): Promise<void>;
  /** One page of keys in key order (R2 gives at most 1,000), with when each was written. */
  list(options: {
    cursor?: string;
    limit?: number;
  }): Promise<
    { objects: { key: string; uploaded: Date }[] } & (
      | { truncated: true; cursor: string }
      | { truncated: false }
    )
  >;
}
