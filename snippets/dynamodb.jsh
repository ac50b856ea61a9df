// JBang's JShell adds every system module; limited to what the SDK needs, no incubator module warns.
//RUNTIME_OPTIONS --limit-modules=java.se,jdk.jshell,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.net,jdk.management,jdk.jfr,jdk.naming.dns
//DEPS software.amazon.awssdk:dynamodb-enhanced
//SOURCES ../scripts/lib/Demo.java
// DynamoDB, ready to use: ./jbang run -i snippets/dynamodb.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

// Model classes by name: a wildcard import of the model package stops JBang's JShell without a word.
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import java.util.Map;

var target = Demo.target(); // AWS_ENDPOINT_URL, else AWS credentials, else the sandbox: now the SDK's default
System.out.println(target.describe());
var ddb = DynamoDbClient.create();
var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
var table = Demo.uniqueName("student-table");

System.out.println("""
        Ready: ddb (DynamoDbClient), enhanced (DynamoDbEnhancedClient), table (a fresh name). Try this:
          ddb.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST").keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)).attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)))
          ddb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS("1"), "n", AttributeValue.fromN("42"))))
          ddb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS("2"), "text", AttributeValue.fromS("x".repeat(3000)))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity()
          EnhancedDocument.fromAttributeValueMap(ddb.getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("1")))).item()).toJson()
          ddb.deleteTable(r -> r.tableName(table))
        """);
