package course.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ddb-workbench through ./jbang against the sandbox: the lesson on the bundled model, and the
 * subcommands' round trip import → export → import → export, compared with the model itself.
 */
@Covers("ddb-workbench")
@ExtendWith(SharedSandbox.class)
class DdbWorkbenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLessonCommitsQueriesExportsAndComparesTheSampleModel(SharedSandbox.TestSandbox sandbox) throws IOException {
        Path export = Files.createTempDirectory("workbench").resolve("export.json");
        sandbox.jbang().run("ddb-workbench", "--out", export.toString()).succeeds()
                .firstLine("Target: local sandbox " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · us-east-1")
                .printsLine("   Model: CourseClassroom \\(Version 3\\.0, by course\\) · 2 tables, 2 GSIs, 11 items")
                .printsLine("   Classroom: PK \\(S\\) partition, SK \\(S\\) sort · on-demand · 9 items in 3 facets \\(Student, Course, Enrollment\\)")
                .printsLine("     GSI StudentsByCourse: GSI1PK \\+ GSI1SK · INCLUDE \\[status, score\\]")
                .printsLine("   Trainers: trainerId \\(S\\) partition · provisioned 2 RCU / 1 WCU · 2 items")
                .printsLine("   CreateTable course-wb-\\d{8}-[0-9a-f]{6}-Classroom: AttributeDefinitions "
                        + "\\[PK S, SK S, GSI1PK S, GSI1SK S, status S, enrolledAt S\\]")
                // Every sample item is under 1 KB: one write unit each, and one more per GSI it lands in.
                .printsLine("   Classroom: 9 items · 9\\.0 WCU on the table \\+ 4\\.0 EnrollmentsByStatus \\+ 4\\.0 StudentsByCourse")
                .printsLine("   Trainers: 2 items · 2\\.0 WCU on the table")
                .printsLine("   StudentsByCourse, GSI1PK = COURSE#dev-aws: 3 items, by GSI1SK \\[STUDENT#ada, STUDENT#ben, STUDENT#chloe\\] · 0\\.5 RCU")
                .printsLine("     attributes: GSI1PK, GSI1SK, PK, SK, score, status \\(INCLUDE projects the keys plus \\[status, score\\]\\)")
                .printsLine("   EnrollmentsByStatus, status = COMPLETED: 2 items, by enrolledAt \\[2026-03-02, 2026-03-02\\] · 0\\.5 RCU")
                .printsLine("     attributes: PK, SK, enrolledAt, status \\(KEYS_ONLY: .*\\)")
                .printsLine("   File: " + java.util.regex.Pattern.quote(export.toString()) + " \\(2 tables, 2 GSIs, 11 items\\)")
                .printsLine("   Same tables, keys, GSIs, capacity and items\\.")
                .printsLine("\\d+\\. Clean up")
                .printsLine("   Deleted table course-wb-\\d{8}-[0-9a-f]{6}-Trainers")
                .printsLine("   Deleted table course-wb-\\d{8}-[0-9a-f]{6}-Classroom")
                .printsLine("   Deleted everything this run created\\.");
        assertEquals(asDynamoDbHoldsIt(sample()), asDynamoDbHoldsIt(JSON.readTree(export.toFile())));
    }

    @Test
    void aModelWithoutCapacitySettingsIsCommittedAsTheWorkbenchCommitsIt(SharedSandbox.TestSandbox sandbox) throws IOException {
        // Version 1.0 models have no BillingMode: the Workbench commits them with 5 RCU / 5 WCU per table
        // (doc_source/workbench.Visualizer.Commit.md in github.com/awsdocs/amazon-dynamodb-developer-guide).
        Path model = Files.writeString(Files.createTempDirectory("workbench").resolve("devices.json"), """
                {"ModelName": "Devices", "ModelMetadata": {"Author": "", "Version": "1.0"},
                 "DataModel": [{"TableName": "DeviceLog",
                   "KeyAttributes": {"PartitionKey": {"AttributeName": "device", "AttributeType": "S"},
                                     "SortKey": {"AttributeName": "at", "AttributeType": "N"}},
                   "NonKeyAttributes": [{"AttributeName": "state", "AttributeType": "S"}],
                   "GlobalSecondaryIndexes": [{"IndexName": "ByState",
                     "KeyAttributes": {"PartitionKey": {"AttributeName": "state", "AttributeType": "S"}},
                     "Projection": {"ProjectionType": "ALL"}}],
                   "TableData": [{"device": {"S": "d-1"}, "at": {"N": "1700000000"}, "state": {"S": "OK"}},
                                 {"device": {"S": "d-1"}, "at": {"N": "1700000060"}, "state": {"S": "ALARM"}},
                                 {"device": {"S": "d-2"}, "at": {"N": "1700000000"}, "state": {"S": "OK"}}]}]}
                """);
        sandbox.jbang().run("ddb-workbench", "--model", model.toString()).succeeds()
                .printsLine("   Model: Devices \\(Version 1\\.0\\) · 1 table, 1 GSI, 3 items")
                .printsLine("   DeviceLog: device \\(S\\) partition, at \\(N\\) sort · provisioned 5 RCU / 5 WCU · 3 items")
                .printsLine("   DeviceLog: 3 items · 3\\.0 WCU on the table \\+ 3\\.0 ByState")
                .printsLine("   ByState, state = OK: 2 items · 0\\.5 RCU")
                .printsLine("   Same tables, keys, GSIs, capacity and items\\.")
                .printsLine("\\d+\\. Clean up")
                .printsLine("   Deleted table course-wb-\\d{8}-[0-9a-f]{6}-DeviceLog")
                .printsLine("   Deleted everything this run created\\.");
    }

    @Test
    void importExportImportExportRoundTrips(SharedSandbox.TestSandbox sandbox) throws IOException {
        Path folder = Files.createTempDirectory("workbench");
        Path model = folder.resolve("classroom.json");
        Path first = folder.resolve("first.json");
        Path second = folder.resolve("second.json");
        String a = uniquePrefix();
        String b = uniquePrefix();
        Jbang jbang = sandbox.jbang();
        jbang.run("ddb-workbench", "sample", model.toString()).succeeds();
        try {
            jbang.run("ddb-workbench", "import", model.toString(), "--prefix", a).succeeds()
                    .printsLine("   Imported: " + a + "Classroom, " + a + "Trainers .*");
            jbang.run("ddb-workbench", "export", first.toString(), "--prefix", a, "--name", "CourseClassroom").succeeds()
                    .printsLine("   File: .*first\\.json \\(2 tables, 2 GSIs, 11 items\\)");
            jbang.run("ddb-workbench", "import", first.toString(), "--prefix", b).succeeds();
            jbang.run("ddb-workbench", "export", second.toString(), "--prefix", b, "--name", "CourseClassroom").succeeds();
        } finally {
            jbang.run("ddb-workbench", "delete", model.toString(), "--prefix", a).succeeds();
            jbang.run("ddb-workbench", "delete", model.toString(), "--prefix", b).succeeds();
        }
        JsonNode firstExport = JSON.readTree(first.toFile());
        JsonNode secondExport = JSON.readTree(second.toFile());
        // An export of an import of an export is the same file, dates aside.
        assertEquals(firstExport.get("DataModel"), secondExport.get("DataModel"));
        assertEquals("3.0", firstExport.path("ModelMetadata").path("Version").asText());
        // And it holds what the model holds, as DynamoDB keeps it (facets are the modeler's view, not stored).
        assertEquals(asDynamoDbHoldsIt(JSON.readTree(model.toFile())), asDynamoDbHoldsIt(firstExport));
        jbang.run("ddb-workbench", "export", folder.resolve("gone.json").toString(), "--prefix", a)
                .failsWithOneLine("No table starts with " + a + " in us-east-1: nothing to export\\.");
    }

    @Test
    void userMistakesGetOneLine(SharedSandbox.TestSandbox sandbox) throws IOException {
        Path folder = Files.createTempDirectory("workbench");
        Jbang jbang = sandbox.jbang();
        jbang.run("ddb-workbench", "import", folder.resolve("missing.json").toString())
                .failsWithOneLine("No model file .*missing\\.json: give the path of a NoSQL Workbench JSON export\\.");
        Path notJson = Files.writeString(folder.resolve("broken.json"), "{\"ModelName\": \"x\",\n");
        jbang.run("ddb-workbench", "import", notJson.toString()).failsWithOneLine("broken\\.json is not JSON \\(line 2\\): .*");
        Path wrongKey = Files.writeString(folder.resolve("wrong-key.json"), """
                {"ModelName": "x", "DataModel": [{"TableName": "wrong-key",
                  "KeyAttributes": {"PartitionKey": {"AttributeName": "id", "AttributeType": "S"}},
                  "TableData": [{"id": {"S": "1"}}, {"id": {"N": "2"}}]}]}
                """);
        jbang.run("ddb-workbench", "import", wrongKey.toString())
                .failsWithOneLine("wrong-key\\.json: DataModel\\[0\\]\\.TableData\\[1\\] has key attribute id of type N, the key is S");
        Path noType = Files.writeString(folder.resolve("no-type.json"), """
                {"ModelName": "x", "DataModel": [{"TableName": "no-type", "KeyAttributes": {"PartitionKey": {"AttributeName": "id"}}}]}
                """);
        jbang.run("ddb-workbench", "import", noType.toString())
                .failsWithOneLine("no-type\\.json: DataModel\\[0\\]\\.KeyAttributes\\.PartitionKey\\.AttributeType is missing");
        Path exists = Files.writeString(folder.resolve("exists.json"), "{}");
        jbang.run("ddb-workbench", "export", exists.toString())
                .failsWithOneLine(".*exists\\.json exists: choose another file or pass --force to overwrite it\\.");
        jbang.run("ddb-workbench", "--out", exists.toString()).failsWithOneLine(".*exists\\.json exists: choose another file for --out\\.");
        assertEquals("{}", Files.readString(exists));
        jbang.run("ddb-workbench", "--help").succeeds().printsLine(".*--model=FILE.*").printsLine(".*import.*").printsLine(".*export.*");
    }

    @Test
    void anImportOverAnExistingTableNeedsReplace(SharedSandbox.TestSandbox sandbox) throws IOException {
        Path model = Files.createTempDirectory("workbench").resolve("classroom.json");
        String prefix = uniquePrefix();
        Jbang jbang = sandbox.jbang();
        jbang.run("ddb-workbench", "sample", model.toString()).succeeds();
        try {
            jbang.run("ddb-workbench", "import", model.toString(), "--prefix", prefix).succeeds();
            jbang.run("ddb-workbench", "import", model.toString(), "--prefix", prefix).failsWithOneLine(
                    "Tables " + prefix + "Classroom, " + prefix + "Trainers already exist: pass --replace to recreate, or --prefix to import beside\\.");
            jbang.run("ddb-workbench", "import", model.toString(), "--prefix", prefix, "--replace").succeeds()
                    .printsLine("   Deleted: " + prefix + "Classroom, " + prefix + "Trainers")
                    .printsLine("   Classroom: 9 items · 9\\.0 WCU on the table .*");
        } finally {
            jbang.run("ddb-workbench", "delete", model.toString(), "--prefix", prefix).succeeds()
                    .printsLine("   " + prefix + "Classroom: deleted");
        }
    }

    private static String uniquePrefix() {
        byte[] random = new byte[4];
        new Random().nextBytes(random);
        return "wb-" + HexFormat.of().formatHex(random) + "-";
    }

    private static JsonNode sample() throws IOException {
        return JSON.readTree(Jbang.PROJECT.resolve("scripts/m07-dynamodb/workbench/classroom.json").toFile());
    }

    /**
     * Per table what DynamoDB keeps: keys, GSIs, billing and capacity, and the items as a set —
     * the table's own sample data and every facet's.
     */
    private static Map<String, JsonNode> asDynamoDbHoldsIt(JsonNode model) {
        Map<String, JsonNode> tables = new TreeMap<>();
        for (JsonNode table : model.get("DataModel")) {
            ObjectNode held = JsonNodeFactory.instance.objectNode();
            held.set("KeyAttributes", table.get("KeyAttributes"));
            Set<String> indexes = new TreeSet<>();
            table.path("GlobalSecondaryIndexes").forEach(index -> indexes.add(canonical(index).toString()));
            held.put("GlobalSecondaryIndexes", indexes.toString());
            held.put("BillingMode", table.path("BillingMode").asText());
            held.put("ProvisionedThroughput", table.path("ProvisionedCapacitySettings").path("ProvisionedThroughput").toString());
            List<JsonNode> items = new ArrayList<>();
            table.path("TableData").forEach(items::add);
            table.path("TableFacets").forEach(facet -> facet.path("TableData").forEach(items::add));
            Set<String> itemSet = new TreeSet<>();
            items.forEach(item -> itemSet.add(canonical(item).toString()));
            assertEquals(items.size(), itemSet.size(), "duplicate items in " + table.get("TableName"));
            held.put("items", itemSet.toString());
            Set<String> attributes = new TreeSet<>();
            table.path("NonKeyAttributes").forEach(attribute -> attributes.add(canonical(attribute).toString()));
            held.put("NonKeyAttributes", attributes.toString());
            tables.put(table.get("TableName").asText(), held);
        }
        assertTrue(tables.size() > 0);
        return tables;
    }

    /** Object fields sorted, set members (SS/NS/BS) sorted: equal content, equal text. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            new TreeMap<String, JsonNode>(toMap(node)).forEach((name, value) -> {
                JsonNode canonicalValue = canonical(value);
                if (Set.of("SS", "NS", "BS", "NonKeyAttributes").contains(name) && value.isArray()) {
                    ArrayNode members = JsonNodeFactory.instance.arrayNode();
                    StreamSupport.stream(canonicalValue.spliterator(), false).map(JsonNode::asText).sorted().forEach(members::add);
                    canonicalValue = members;
                }
                sorted.set(name, canonicalValue);
            });
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode elements = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> elements.add(canonical(element)));
            return elements;
        }
        return node;
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> fields = new TreeMap<>();
        node.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }
}
