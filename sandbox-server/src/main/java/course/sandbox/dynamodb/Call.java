package course.sandbox.dynamodb;

import course.sandbox.dynamodb.model.Database;

import java.time.Instant;

/**
 * One DynamoDB request being handled: its body, the database of the signer's account and
 * region, and the sandbox's clock at arrival.
 *
 * @param host the Host the client addressed, for DescribeEndpoints
 */
record Call(String operation, JsonInput input, Database database, Instant now, String host) {

    /** ReturnConsumedCapacity: INDEXES, TOTAL or NONE. */
    String capacityMode() {
        return input.string("ReturnConsumedCapacity").orElse("NONE");
    }
}
