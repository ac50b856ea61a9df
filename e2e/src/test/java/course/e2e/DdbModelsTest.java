package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ddb-models demo through ./jbang against the sandbox: the same item on the wire and in each model. */
@Covers("ddb-models")
@ExtendWith(SharedSandbox.class)
class DdbModelsTest {

    @Test
    void showsTheWireJsonAndEachModelsView(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("ddb-models").succeeds()
                .firstLine("Target: local sandbox " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · us-east-1")
                .printsLine("   Wire JSON: \\{(?=.*\"isbn\":\\{\"S\":\"978-0-00-000001-1\"\\})(?=.*\"year\":\\{\"N\":\"2012\"\\})"
                        + "(?=.*\"tags\":\\{\"L\":\\[\\{\"S\":\"nosql\"\\},\\{\"S\":\"aws\"\\}\\]\\}).*")
                // An item under 1 KB costs one write unit:
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
                .printsLine("   Consumed: 1\\.0 WCU \\(ReturnConsumedCapacity\\): a write unit per started KB, attribute names included")
                .printsLine("   Book: Book\\{isbn=978-0-00-000001-1, title=Tables at Scale, year=2012, tags=\\[nosql, aws\\]\\}")
                .printsLine("   Wire JSON: \\{(?=.*\"isbn\":\\{\"S\":\"978-0-00-000002-8\"\\})(?=.*\"tags\":\\{\"L\":\\[\\{\"S\":\"design\"\\}\\]\\}).*")
                .printsLine("   JSON: \\{(?=.*\"title\":\"Keys and Indexes\")(?=.*\"year\":2019)(?=.*\"tags\":\\[\"design\"\\]).*")
                .printsLine("   Wire JSON: \\{(?=.*\"draft\":\\{\"BOOL\":true\\})(?=.*\"year\":\\{\"N\":\"2023\"\\}).*")
                .printsLine("   year: AttributeValue\\(N=2023\\) \\(a number travels as text in N\\)")
                .printsLine("   tags: AttributeValue\\(L=\\[AttributeValue\\(S=cdc\\), AttributeValue\\(S=events\\)\\]\\) .*")
                .printsLine("   draft: AttributeValue\\(BOOL=true\\) .*")
                .printsLine("\\d+\\. Clean up")
                .printsLine("   Deleted table course-books-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
    }

    @Test
    void helpNamesTheTargetFlags(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("ddb-models", "--help").succeeds().printsLine(".*--endpoint-url=URL.*").printsLine(".*--local.*");
    }
}
