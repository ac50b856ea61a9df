package course.sandbox.s3;

/** Where bodies and the state live: memory, or a data directory. */
interface Backend {
    /** Stores a body under a new id. Must be durable and complete before it returns. */
    String writeBlob(byte[] data);

    byte[] readBlob(String blobId);

    void deleteBlob(String blobId);

    /** Makes {@code state} the persistent state (atomically). */
    void save(StoreState state);

    /** The persisted state, or a fresh one. */
    StoreState load();

    /** Drops every blob and the persisted state. */
    void clear();
}
