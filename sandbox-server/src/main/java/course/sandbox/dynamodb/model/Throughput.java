package course.sandbox.dynamodb.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Provisioned read and write capacity, with when it last went up and down. On-demand tables
 * report 0 and 0, as DynamoDB does.
 */
public record Throughput(long read, long write, Optional<Instant> lastIncrease, Optional<Instant> lastDecrease,
                         int decreasesToday) {
    public static final Throughput ON_DEMAND = new Throughput(0, 0, Optional.empty(), Optional.empty(), 0);

    public static Throughput of(long read, long write) {
        return new Throughput(read, write, Optional.empty(), Optional.empty(), 0);
    }

    /** The same record after a change to {@code read}/{@code write} at {@code now}. */
    public Throughput changedTo(long newRead, long newWrite, Instant now) {
        boolean up = newRead > read || newWrite > write;
        boolean down = newRead < read || newWrite < write;
        return new Throughput(newRead, newWrite, up ? Optional.of(now) : lastIncrease,
                down ? Optional.of(now) : lastDecrease, decreasesToday + (down ? 1 : 0));
    }
}
