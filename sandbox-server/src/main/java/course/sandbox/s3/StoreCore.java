package course.sandbox.s3;

import course.sandbox.s3.StoreState.BucketState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/** What the aggregates of {@link S3Store} share: the state, the lock that guards it, its backend and the clock. */
final class StoreCore {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final Backend backend;
    final long minPartSize;
    private final SecureRandom random = new SecureRandom();
    /** The sandbox's clock: object times and lifecycle rules follow it (--clock fixes it). */
    final Clock clock;
    /** Counts committed mutations, so lifecycle knows when the bucket changed since it last ran. */
    long mutations;
    /** Blobs no longer referenced by the state being committed; deleted after it is saved. */
    final List<String> garbage = new ArrayList<>();
    StoreState state;

    StoreCore(Backend backend, long minPartSize, Clock clock) {
        this.backend = backend;
        this.minPartSize = minPartSize;
        this.clock = clock;
        this.state = backend.load();
    }

    /** Drops every bucket, object, upload and body. */
    void reset() {
        lock.writeLock().lock();
        try {
            backend.clear();
            state = new StoreState();
        } finally {
            lock.writeLock().unlock();
        }
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a mutation, saves the state, then deletes bodies the new state no longer references. */
    <T> T mutate(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            T result = action.get();
            mutations++;
            backend.save(state);
            garbage.forEach(backend::deleteBlob);
            return result;
        } finally {
            garbage.clear();
            lock.writeLock().unlock();
        }
    }

    /** A mutation that references a body written beforehand; the body is dropped if it fails. */
    <T> T mutateWithBlob(String blobId, Supplier<T> action) {
        try {
            return mutate(action);
        } catch (RuntimeException e) {
            backend.deleteBlob(blobId);
            throw e;
        }
    }

    BucketState bucket(String name) {
        BucketState b = state.buckets.get(name);
        if (b == null) {
            throw S3Errors.noSuchBucket(name);
        }
        return b;
    }

    long now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
    }

    /** A URL-safe id that never starts with '-': the AWS CLI would read `--upload-id -x…` as an option. */
    String randomId(int randomBytes) {
        byte[] bytes = new byte[randomBytes];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
