package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ddb-counter demo through ./jbang against the sandbox: exact totals, the double count, the idempotent retry. */
@Covers("ddb-counter")
@ExtendWith(SharedSandbox.class)
class DdbCounterTest {

    @Test
    void countsExactlyShowsTheDoubleCountAndTheIdempotentRetry(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("ddb-counter", "--threads", "4", "--increments", "10").succeeds()
                .firstLine("Target: local sandbox " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · us-east-1")
                .printsLine("1\\. Atomic counter: UpdateItem ADD from 4 threads × 10 increments")
                .printsLine("   Expected: 40")
                .printsLine("   Counted: 40")
                .printsLine("   Increments sent by the application: 2")
                .printsLine("   Counted: 3")
                .printsLine("   Conflicts retried: \\d+")
                .printsLine("   Replayed after a lost answer: ConditionalCheckFailedException: the retry cannot count twice")
                .printsLine("   Counted after the replay: 41")
                .printsLine("   Counted after a lost answer and a retry: 1")
                .printsLine("   views after each of three updateItem calls: \\[0, 1, 2\\]")
                // Costs as DynamoDB reports them (ReturnConsumedCapacity) for items under 1 KB: a write unit per write, a read
                // unit per strongly consistent read, two write units per item in a transaction.
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
                .printsLine("   UpdateItem ADD\\s+yes\\s+no\\s+1\\.0 WCU")
                .printsLine("   @DynamoDbAtomicCounter\\s+yes\\s+no\\s+1\\.0 WCU \\(with the item's update\\)")
                .printsLine("   versioned conditional write\\s+yes\\s+yes\\s+1\\.0 RCU \\+ 1\\.0 WCU, \\+ retries")
                .printsLine("   TransactWriteItems \\+ token\\s+yes\\s+10 min\\s+2\\.0 WCU")
                .printsLine("\\d+\\. Clean up")
                .printsLine("   Deleted table course-counters-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
    }

    @Test
    void outOfRangeOptionsAreOneLine(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("ddb-counter", "--threads", "0").failsWithOneLine("Use --threads 1\\.\\.64 and --increments 1\\.\\.1000\\.");
        sandbox.jbang().run("ddb-counter", "--help").succeeds().printsLine(".*--threads=N.*").printsLine(".*--local.*");
    }
}
