package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ddb-crud demo through ./jbang against a sandbox started by `./jbang sandbox start`: the
 * sandbox's DynamoDB (DynamoDB Local resolved through JBang's //DEPS) answers every step.
 */
@Covers("ddb-crud")
@ExtendWith(SharedSandbox.class)
class DdbCrudTest {

    @Test
    void everyStepShowsTheValuesDynamoDbReturned(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("ddb-crud").succeeds()
                .firstLine("Target: local sandbox " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · us-east-1")
                .printsLine("   Table: course-orders-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Key schema: customerId \\(partition\\), orderId \\(sort\\)")
                .printsLine("   Item: alice/2025-001 status=OPEN total=40 note=gift wrap version=1")
                .printsLine("   Item: alice/2025-001 status=SHIPPED total=40 note=gift wrap version=2")
                // ReturnConsumedCapacity, by DynamoDB's rules for items under 1 KB: a write unit per write,
                // one more per GSI written, two when the GSI key changes; half a read unit unless strongly consistent.
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Writes
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
                .printsLine("   Consumed: 2\\.0 WCU: 1\\.0 on the table \\+ 1\\.0 on GSI byStatus")
                .printsLine("   Consumed: 0\\.5 RCU eventually consistent \\(the default\\), 1\\.0 RCU with consistentRead\\(true\\)")
                .printsLine("   Consumed: 3\\.0 WCU: 1\\.0 on the table \\+ 2\\.0 on GSI byStatus")
                .printsLine("   Consumed: 0\\.5 RCU, charged on the size of all 4 items read: the filter runs after the read")
                .printsLine("   Orders: \\[2025-002, 2025-003\\]")
                .printsLine("   OPEN orders: \\[alice/2025-002, alice/2025-003\\]")
                .printsLine("   Matched: \\[2025-002, 2025-003\\]")
                .printsLine("   Count / ScannedCount: 2 / 4")
                .printsLine("   Read back: 10, 20, 30")
                .printsLine("    Refused: ConditionalCheckFailedException")
                .printsLine("    bob/2025-001 total is still: 10")
                .printsLine("    Client A wrote: version 3")
                .printsLine("    Client B: ConditionalCheckFailedException \\(its version 2 is stale\\)")
                .printsLine("    Note kept: A was first")
                .printsLine("    getItem now returns: null")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted table course-orders-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
    }

    @Test
    void helpAndUserMistakes(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("ddb-crud", "--help").succeeds()
                .printsLine(".*--endpoint-url=URL.*").printsLine(".*--local.*").printsLine(".*--profile=NAME.*");
        sandbox.jbang().run("ddb-crud", "--endpoint-url", "nope")
                .failsWithOneLine("Invalid endpoint URL 'nope': use e\\.g\\. http://127\\.0\\.0\\.1:4566\\.");
    }
}
