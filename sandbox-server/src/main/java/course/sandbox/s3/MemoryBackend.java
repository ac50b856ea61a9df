package course.sandbox.s3;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps bodies in memory; the state object itself is the only copy. Bodies are never changed
 * once written, so the store keeps the array it is given and hands out the one it keeps.
 */
final class MemoryBackend implements Backend {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public String writeBlob(byte[] data) {
        String id = UUID.randomUUID().toString();
        blobs.put(id, data);
        return id;
    }

    @Override
    public byte[] readBlob(String blobId) {
        byte[] data = blobs.get(blobId);
        if (data == null) {
            throw new IllegalStateException("missing body " + blobId);
        }
        return data;
    }

    @Override
    public void deleteBlob(String blobId) {
        blobs.remove(blobId);
    }

    @Override
    public void save(StoreState state) {
        // memory mode: the live state is the state
    }

    @Override
    public StoreState load() {
        return new StoreState();
    }

    @Override
    public void clear() {
        blobs.clear();
    }
}
